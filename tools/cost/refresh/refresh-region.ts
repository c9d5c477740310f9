/** One region's prices read from the Price List: the table, each figure's source, and what is missing. */
import type { RegionPrices } from "../price-table";
import { allProducts, describeFilters, onDemandDimensions, type GetProducts, type PriceFilter, type PriceListProduct } from "./price-list";
import type { PriceQuery } from "./price-queries";

/** Where one figure comes from. */
export interface FigureSource {
  readonly sku: string;
  readonly usagetype: string;
  /** The on-demand term's effective date. */
  readonly effectiveDate?: string;
  /** The price list's publication date. */
  readonly publicationDate?: string;
  /** The price as listed (USD per listed unit) and the factor applied, when not 1. */
  readonly listed: string;
  readonly scale?: number;
}

/** What a region's refresh found. */
export interface RegionRefresh {
  readonly region: string;
  readonly prices: RegionPrices;
  /** Each figure's source, by its path (`ec2Hourly.t4g.small`). */
  readonly figures: Readonly<Record<string, FigureSource>>;
  /**
   * Prices no product answered, or several products answered differently (each listed with its
   * SKU), with the query: left unknown, never guessed.
   */
  readonly missing: readonly string[];
  /** The paths of `missing` prices that were ambiguous: the query needs a narrower filter. */
  readonly ambiguous: readonly string[];
}

/** What a query's products give: a price with its source, nothing, or several different prices. */
type Picked = { readonly price: number; readonly source: FigureSource } | { readonly ambiguous: string } | undefined;

/** The price a query reads from its products, or why there is none. */
function pick(query: PriceQuery, products: readonly PriceListProduct[]): Picked {
  const matching = products.filter((p) => {
    const usagetype = p.product.attributes["usagetype"] ?? "";
    return usagetype.endsWith(query.usagetypeEnds) && !(query.exclude ?? []).some((part) => usagetype.includes(part));
  });
  const found = matching.flatMap((product) => {
    // The first paid tier: a free tier (price 0) is skipped; the table's prices are after it.
    const paid = onDemandDimensions(product)
      .map((d) => ({ ...d, usd: Number(d.dimension.pricePerUnit.USD) }))
      .filter((d) => Number.isFinite(d.usd) && d.usd > 0)
      .sort((a, b) => Number(a.dimension.beginRange) - Number(b.dimension.beginRange));
    return paid.length > 0 ? [{ product, first: paid[0]! }] : [];
  });
  if (found.length === 0) return undefined;
  const distinct = new Set(found.map((f) => f.first.usd));
  if (distinct.size > 1) {
    return { ambiguous: `${found.length} products answer with different prices (${found.map((f) => `${f.product.product.sku} ${f.product.product.attributes["usagetype"]} ${f.first.dimension.pricePerUnit.USD}`).join("; ")}): the query needs a narrower filter` };
  }
  const { product, first } = found[0]!;
  const scale = query.scale ?? 1;
  return {
    price: Number((first.usd * scale).toPrecision(12)),
    source: {
      sku: product.product.sku, usagetype: product.product.attributes["usagetype"] ?? "",
      ...(first.effectiveDate ? { effectiveDate: first.effectiveDate } : {}),
      ...(product.publicationDate ? { publicationDate: product.publicationDate } : {}),
      listed: first.dimension.pricePerUnit.USD ?? "", ...(scale !== 1 ? { scale } : {}),
    },
  };
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: number): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/**
 * Runs every query for `region` and assembles its table. A price no product answers, or that
 * several products answer differently, is reported in `missing` and the other queries go on.
 */
export async function refreshRegion(send: GetProducts, region: string, queries: readonly PriceQuery[], sleep?: (ms: number) => Promise<void>): Promise<RegionRefresh> {
  const prices: Record<string, unknown> = {};
  const figures: Record<string, FigureSource> = {};
  const missing: string[] = [];
  const ambiguous: string[] = [];
  for (const query of queries) {
    const filters: PriceFilter[] = [{ Type: "TERM_MATCH", Field: query.regionField ?? "regionCode", Value: region }, ...Object.entries(query.filters).map(([Field, Value]) => ({ Type: "TERM_MATCH" as const, Field, Value }))];
    const found = pick(query, await allProducts(send, query.serviceCode, filters, sleep));
    const key = query.path.join(".");
    if (!found) {
      missing.push(`${key}: no ${query.serviceCode} product with ${describeFilters(filters)} and a usage type ending ${query.usagetypeEnds}`);
      continue;
    }
    if ("ambiguous" in found) {
      missing.push(`${key}: ${found.ambiguous}`);
      ambiguous.push(key);
      continue;
    }
    setAt(prices, query.path, found.price);
    figures[query.path.join(".")] = found.source;
  }
  return { region, prices: prices, figures, missing, ambiguous };
}
