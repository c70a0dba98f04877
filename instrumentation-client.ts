// From zod's core only: the setting is one global object, and pages that validate nothing in the
// browser do not download the library for it.
import { config } from "zod/v4/core";

// Before any of the app's code runs in the browser. Zod compiles object schemas with
// `new Function` when it may, and finds out by trying one: under the Content-Security-Policy
// (proxy.ts), which allows no eval, that try is a violation report on every page that
// validates a form. Without the compiler it parses the same, a little slower.
config({ jitless: true });
