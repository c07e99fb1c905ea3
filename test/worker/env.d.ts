// Types for the workerd tests: the `cloudflare:test` module of @cloudflare/vitest-plugin.
/// <reference types="@cloudflare/vitest-plugin/types" />
