/** One statement of a bucket policy. */
export interface BucketPolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal: "*" | { AWS: string | string[] } | { Service: string };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
