import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { apiVersion } from "./app/shopify-api-version";

// Types for every #graphql document in app/, generated from the Admin schema
// file that scripts/admin-schema.ts writes from @shopify/dev-mcp: codegen never
// fetches the schema from the network (the file exists, so the preset uses it).
export default {
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion,
      // Globs skip dot folders, so app/.server is named on its own.
      documents: ["./app/**/*.{ts,tsx}", "./app/.server/**/*.{ts,tsx}", "!./app/generated/**"],
      outputDir: "./app/types",
    }),
  },
};
