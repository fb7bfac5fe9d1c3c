// Shopify's app template's ESLint set-up (ESLint 8, Remix's config, Prettier's
// last so no rule fights the formatter), plus what this project's standards need.
/** @type {import('eslint').Linter.Config} */
module.exports = {
  root: true,
  extends: ["@remix-run/eslint-config", "@remix-run/eslint-config/node", "@remix-run/eslint-config/jest-testing-library", "prettier"],
  globals: {
    shopify: "readonly",
  },
  settings: {
    // eslint-plugin-jest asks for Jest's version to know which of its functions
    // are deprecated; the suite runs on vitest, whose API is Jest 29's.
    jest: { version: 29 },
    // No test here uses Testing Library (the browser tests drive Playwright,
    // whose page.getByRole is not a render result): its rules then look only at
    // imports from @testing-library/*, instead of guessing from function names.
    "testing-library/utils-module": "off",
    "testing-library/custom-renders": "off",
    "testing-library/custom-queries": "off",
  },
  rules: {
    // An import cycle makes a module's exports undefined while the cycle loads,
    // depending on which module was imported first (issue #7 had one through
    // shopify.server.ts): shared types go in a leaf module instead. Type-only
    // imports are not followed here; test/structure/import-cycles.test.ts
    // checks app/ with them too.
    "import/no-cycle": ["error", { ignoreExternal: true }],
    // Files under ~250 lines, each about one thing: a longer one is split by
    // what it does. Blank lines and comments are free: explaining is welcome.
    "max-lines": ["error", { max: 250, skipBlankLines: true, skipComments: true }],
  },
  overrides: [
    {
      // One clock (issue #7): business time (ages, cadence, job windows) comes
      // from app/.server/clock.server.ts, which follows the Shopify double's
      // clock in the demo and tests. Wall time for infrastructure (connection
      // waits, leases, deadlines) is allowed where it is marked with a reason.
      // Date arithmetic with arguments (new Date(ms), new Date(iso)) is fine.
      files: ["app/**"],
      excludedFiles: ["app/.server/clock.server.ts", "app/generated/**"],
      rules: {
        "no-restricted-syntax": [
          "error",
          {
            selector: "NewExpression[callee.name='Date'][arguments.length=0]",
            message:
              "Business time comes from `await now()` (app/.server/clock.server.ts), so advancing the double's clock moves it. For wall time (a lease, a deadline), disable this line with the reason.",
          },
          {
            selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
            message:
              "Business time comes from `await now()` (app/.server/clock.server.ts), so advancing the double's clock moves it. For wall time (a lease, a deadline), disable this line with the reason.",
          },
        ],
      },
    },
    {
      files: ["**/*.ts?(x)"],
      parserOptions: {
        // typescript-eslint 5 (the one Remix's config is written for) was
        // released before TypeScript 5.2 and prints a warning for every run on
        // this project's 5.9; its parser reads 5.9's syntax that this code uses.
        warnOnUnsupportedTypeScriptVersion: false,
      },
      rules: {
        // Core rules that misread TypeScript give way to typescript-eslint's
        // versions of them, as its recommended set does for the others: the core
        // no-useless-constructor calls a constructor with parameter properties
        // useless, Remix's config already sets the TypeScript
        // no-unused-expressions, so the core one only reported everything twice,
        // and the core no-loop-func does not know TypeScript's syntax.
        "no-useless-constructor": "off",
        "@typescript-eslint/no-useless-constructor": "warn",
        "no-unused-expressions": "off",
        "no-loop-func": "off",
        "@typescript-eslint/no-loop-func": "warn",
      },
    },
  ],
};
