/**
 * A recorded Price List for offline tests of `prices:update`. The products are SYNTHESISED in
 * exactly the shape of AWS's published GetProducts response (tests/fixtures/pricing/
 * aws-cli-get-products-example.json: product → serviceCode → terms → version → publicationDate,
 * each PriceList entry JSON text, prices as text with 10 decimals). Replace them with a real
 * recording when a run with credentials makes one.
 */
import type { GetProductsInput, GetProductsOutput } from "../../tools/cost/refresh/price-list";

/** A product as the Price List holds it, before it is turned into JSON text. */
export interface RecordedProduct {
  readonly serviceCode: string;
  readonly productFamily?: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** On-demand tiers: [beginRange, endRange, USD per unit]. */
  readonly tiers: readonly (readonly [string, string, string])[];
  readonly unit: string;
  /** Put a Reserved term before the OnDemand one (the API's key order varies). @default false */
  readonly reservedFirst?: boolean;
}

let counter = 0;

/** One PriceList entry: the product as JSON text, in the published response's shape. */
export function priceListEntry(p: RecordedProduct): string {
  const sku = `SYNTH${String(++counter).padStart(11, "0")}`;
  const onDemand = {
    [`${sku}.JRTCKXETXF`]: {
      priceDimensions: Object.fromEntries(p.tiers.map(([begin, end, usd], i) => [`${sku}.JRTCKXETXF.${i}`, {
        unit: p.unit, endRange: end, description: `synthesised ${usd} per ${p.unit}`, appliesTo: [], rateCode: `${sku}.JRTCKXETXF.${i}`, beginRange: begin, pricePerUnit: { USD: usd },
      }])),
      sku, effectiveDate: "2026-11-01T00:00:00Z", offerTermCode: "JRTCKXETXF", termAttributes: {},
    },
  };
  const reserved = { [`${sku}.4NA7Y494T4`]: { priceDimensions: { [`${sku}.4NA7Y494T4.1`]: { unit: "Quantity", beginRange: "0", endRange: "Inf", description: "Upfront Fee", appliesTo: [], pricePerUnit: { USD: "99.0000000000" } } }, sku, effectiveDate: "2026-11-01T00:00:00Z", offerTermCode: "4NA7Y494T4", termAttributes: { LeaseContractLength: "1yr", PurchaseOption: "All Upfront" } } };
  const terms = p.reservedFirst ? { Reserved: reserved, OnDemand: onDemand } : { OnDemand: onDemand };
  return JSON.stringify({
    product: { productFamily: p.productFamily ?? "", attributes: { servicecode: p.serviceCode, ...p.attributes }, sku },
    serviceCode: p.serviceCode, terms, version: "20261101000000", publicationDate: "2026-11-01T00:00:00Z",
  });
}

/**
 * A GetProducts that answers from `products` as the API does: TERM_MATCH filters on the product's
 * attributes (and productFamily), MaxResults per page, a NextToken while pages remain, an empty
 * PriceList (no error) when nothing matches. Every request is kept in `requests`.
 */
export function recordedPriceList(products: readonly RecordedProduct[]) {
  const requests: GetProductsInput[] = [];
  const send = (input: GetProductsInput): Promise<GetProductsOutput> => {
    requests.push(input);
    const matching = products.filter((p) => p.serviceCode === input.ServiceCode && input.Filters.every((f) =>
      (f.Field === "productFamily" ? p.productFamily : p.attributes[f.Field]) === f.Value));
    const start = input.NextToken ? Number(input.NextToken.split(":")[1]) : 0;
    const page = matching.slice(start, start + input.MaxResults);
    const next = start + input.MaxResults < matching.length ? `recorded:${start + input.MaxResults}` : undefined;
    return Promise.resolve({ FormatVersion: "aws_v1", PriceList: page.map(priceListEntry), ...(next ? { NextToken: next } : {}) });
  };
  return { send, requests };
}
