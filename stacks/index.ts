/**
 * Entry point of `pulumi up`/`preview` (Pulumi.yaml `main`): the stack name picks the tenant file.
 * The offline plan runs the same {@link tenantProgram} under the runtime's mocks.
 */
import { contextFromStack, tenantProgram } from "./program";

export = async () => tenantProgram(contextFromStack());
