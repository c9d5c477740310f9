/**
 * EC2 instance types and the user data limit.
 *
 * Instance types come from the AWS SDK's own enum, `aws.ec2.InstanceType` of @pulumi/aws (the
 * package's generated list of the EC2 API's instance types; 7.48.0 holds about 1,400). A type
 * AWS launched after that release is refused until the SDK is updated.
 */
import { InstanceType } from "@pulumi/aws/types/enums/ec2";

/** Every EC2 instance type the installed AWS SDK knows. */
export const EC2_INSTANCE_TYPES: ReadonlySet<string> = new Set(Object.values(InstanceType));

/** True when `type` is an EC2 instance type (`t4g.small`). */
export function isEc2InstanceType(type: string): boolean {
  return EC2_INSTANCE_TYPES.has(type);
}

/**
 * User data is limited to 16 KB in raw form, before base64 encoding (Amazon EC2 User Guide,
 * "Work with instance user data": https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html;
 * launch templates: RequestLaunchTemplateData.UserData, "User data is limited to 16 KB").
 */
export const EC2_USER_DATA_MAX_BYTES = 16 * 1024;
