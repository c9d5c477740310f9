/**
 * Entry point of `pulumi up`/`preview` (package.json `main`; Pulumi.yaml names none, so the program runs from the project folder): the stack name picks the tenant file.
 * The offline plan runs the same {@link tenantProgram} under the runtime's mocks.
 */
import { contextFromStack, tenantProgram } from "./program";
import { withShortRunErrorStacks } from "./run-error-stack";

export = async () => withShortRunErrorStacks(() => tenantProgram(contextFromStack()));
