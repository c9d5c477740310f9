/** Logical names derived from values: distinct for distinct values, stable, and kept where they were already distinct. */
import { describe, expect, it } from "vitest";
import { hostLabel, plainHostLabel } from "../../components/edge/expressions";
import { emailLabel, webhookLabel } from "../../components/monitoring/monitoring";
import { formerNameAliases } from "../../components/shared/naming";

describe("labels", () => {
  it("of e-mail addresses that slug alike differ; an address its slug reads back as keeps its label", () => {
    expect(emailLabel("a.b@c.de")).not.toBe(emailLabel("a@b.c.de"));
    expect(emailLabel("a@b.c.de")).toBe("a-b-c-de");
    expect(emailLabel("ops@acme.com")).toBe("ops-acme-com");
    expect(emailLabel("a.b@c.de")).toMatch(/^a-b-c-de--[0-9a-f]{8}$/);
  });

  it("of webhooks on one host differ", () => {
    expect(webhookLabel("https://hooks.chat.example/services/T1/B1")).not.toBe(webhookLabel("https://hooks.chat.example/services/T1/B2"));
    expect(webhookLabel("https://alerts.example")).toBe("alerts-example");
  });

  it.each([
    ["shop.eu.acme.example", "shop-eu.acme.example"],
    ["apex.acme.example", "acme.example"],
    ["wildcard.acme.example", "*.acme.example"],
    ["wildcard-eu.acme.example", "*.eu.acme.example"],
  ])("of hostnames %s and %s differ", (a, b) => {
    expect(hostLabel(a, "acme.example")).not.toBe(hostLabel(b, "acme.example"));
  });

  it("of hostnames without hyphens stay as they were", () => {
    for (const fqdn of ["acme.example", "www.acme.example", "shop.eu.acme.example", "*.acme.example", "*.eu.acme.example"]) {
      expect(hostLabel(fqdn, "acme.example")).toBe(plainHostLabel(fqdn, "acme.example"));
    }
  });
});

describe("aliases to a former name", () => {
  it("keep a renamed entry's resource", () => {
    expect(formerNameAliases("x-alerts-ops-roadiz-site-example", "x-alerts-ops-roadiz-site-example--1234abcd", ["x-alerts-ops-roadiz-site-example"]))
      .toEqual([{ name: "x-alerts-ops-roadiz-site-example" }]);
  });

  it("are none when the name did not change, or when two entries had the former name (it never deployed)", () => {
    expect(formerNameAliases("x-a", "x-a", ["x-a"])).toEqual([]);
    expect(formerNameAliases("x-a-b-c-de", "x-a-b-c-de--1234abcd", ["x-a-b-c-de", "x-a-b-c-de"])).toEqual([]);
  });
});
