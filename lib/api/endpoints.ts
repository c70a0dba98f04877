import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

/**
 * What the wrappers know about each server action and route handler they build: its kind, its
 * name and the schemas its input must pass. Recorded on the function itself, so anything that can
 * see the exports (the input-fuzz suite, the checks in tests/unit) learns every endpoint, a new
 * one included, without a list to keep.
 */
export type EndpointDefinition =
  | { kind: "org-action"; name: string; input: z.ZodType; permission: Permission }
  | { kind: "user-action" | "second-factor-action" | "public-action"; name: string; input: z.ZodType }
  | { kind: "org-route" | "public-route"; name: string; body?: z.ZodType; query?: z.ZodType; maxBytes?: number };

const definitions = new WeakMap<object, EndpointDefinition>();

export function defineEndpoint<F extends object>(endpoint: F, definition: EndpointDefinition): F {
  definitions.set(endpoint, definition);
  return endpoint;
}

/** The definition a wrapper recorded for this export, or undefined when no wrapper built it. */
export function endpointDefinition(endpoint: unknown): EndpointDefinition | undefined {
  return typeof endpoint === "function" ? definitions.get(endpoint) : undefined;
}
