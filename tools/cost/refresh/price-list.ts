/**
 * Reading the AWS Price List Query API: GetProducts pages (followed by `NextToken`), each
 * `PriceList` entry one product as JSON text, and the on-demand price of a product.
 *
 * Shapes: `GetProductsRequest` / `GetProductsResponse` in
 * node_modules/@aws-sdk/client-pricing/dist-types/models/models_0.d.ts (a PriceList entry is a
 * string or an automatic JSON string object, hence `String(entry)`); the product layout
 * (product.attributes, terms.OnDemand.<offer>.priceDimensions.<rate>.pricePerUnit.USD as text) is
 * the one in AWS's published example response (aws/aws-cli awscli/examples/pricing/get-products.rst)
 * and the Billing guide's "Reading the service price list file".
 */

/** A GetProducts filter (TERM_MATCH: the attribute equals the value). */
export interface PriceFilter {
  readonly Type: "TERM_MATCH";
  readonly Field: string;
  readonly Value: string;
}

/** What the fetcher sends; the `GetProductsCommand` input. */
export interface GetProductsInput {
  readonly ServiceCode: string;
  readonly FormatVersion: "aws_v1";
  readonly Filters: readonly PriceFilter[];
  /** 1–100 (API reference). */
  readonly MaxResults: number;
  readonly NextToken?: string;
}

/** What a GetProducts call returns (the fields read). */
export interface GetProductsOutput {
  readonly PriceList?: readonly unknown[];
  readonly NextToken?: string;
}

/** Sends one GetProducts request (a `PricingClient` in us-east-1, or a recording in tests). */
export type GetProducts = (input: GetProductsInput) => Promise<GetProductsOutput>;

/** One price dimension of an on-demand term. */
export interface PriceDimension {
  readonly unit: string;
  readonly beginRange: string;
  readonly endRange: string;
  readonly description: string;
  readonly pricePerUnit: { readonly USD?: string };
}

/** One product of a PriceList, as parsed. */
export interface PriceListProduct {
  readonly product: { readonly sku: string; readonly productFamily?: string; readonly attributes: Readonly<Record<string, string>> };
  readonly terms: {
    readonly OnDemand?: Readonly<Record<string, { readonly effectiveDate?: string; readonly priceDimensions: Readonly<Record<string, PriceDimension>> }>>;
  };
  readonly publicationDate?: string;
}

/** The error a refresh stops with: what was asked and what went wrong, no stack trace needed. */
export class PriceListError extends Error {}

/** Attempts before a throttled or internal error stops the refresh (the SDK retries each attempt too). */
const ATTEMPTS = 4;

/** Errors the Price List API marks as worth retrying (ThrottlingException, InternalErrorException). */
function retryable(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === "ThrottlingException" || name === "InternalErrorException";
}

/**
 * Every product GetProducts returns for a service and filters, all pages. Throttling and internal
 * errors are retried with a growing pause (`sleep`, injectable for tests); any other error, or the
 * same after the last attempt, becomes a {@link PriceListError} naming the query.
 */
export async function allProducts(send: GetProducts, serviceCode: string, filters: readonly PriceFilter[], sleep: (ms: number) => Promise<void> = pause): Promise<PriceListProduct[]> {
  const products: PriceListProduct[] = [];
  let token: string | undefined;
  do {
    const input: GetProductsInput = { ServiceCode: serviceCode, FormatVersion: "aws_v1", Filters: filters, MaxResults: 100, ...(token ? { NextToken: token } : {}) };
    const page = await withRetries(() => send(input), `${serviceCode} ${describeFilters(filters)}`, sleep);
    for (const entry of page.PriceList ?? []) products.push(JSON.parse(String(entry)) as PriceListProduct);
    token = page.NextToken;
  } while (token);
  return products;
}

async function withRetries<T>(call: () => Promise<T>, what: string, sleep: (ms: number) => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const name = (error as { name?: string } | null)?.name ?? "Error";
      const message = (error as Error | null)?.message ?? String(error);
      if (!retryable(error)) throw new PriceListError(`GetProducts ${what}: ${name}: ${message}`);
      if (attempt >= ATTEMPTS) throw new PriceListError(`GetProducts ${what}: ${name} after ${ATTEMPTS} attempts: ${message}; try again later`);
      await sleep(1000 * 2 ** (attempt - 1));
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `regionCode=eu-west-3, instanceType=t4g.small`. */
export function describeFilters(filters: readonly PriceFilter[]): string {
  return filters.map((f) => `${f.Field}=${f.Value}`).join(", ");
}

/** The on-demand dimensions of a product (reserved terms are not read). */
export function onDemandDimensions(product: PriceListProduct): { dimension: PriceDimension; effectiveDate?: string }[] {
  return Object.values(product.terms.OnDemand ?? {}).flatMap((term) =>
    Object.values(term.priceDimensions).map((dimension) => ({ dimension, ...(term.effectiveDate ? { effectiveDate: term.effectiveDate } : {}) })));
}
