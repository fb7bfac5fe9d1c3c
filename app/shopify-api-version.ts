// The Admin API version every query, mutation and webhook of Quita is written
// against; the contract tests validate against this version's schema.
export const apiVersion = "2026-10";
