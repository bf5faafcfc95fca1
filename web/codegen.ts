import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Every operation in src/ is checked against the committed supergraph at build time and typed:
 * an operation asking for a field the gateway does not have fails the build.
 */
const config: CodegenConfig = {
  schema: '../gateway/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars: { DateTimeISO: 'string', Base64File: 'string' }, enumsAsTypes: true, useTypeImports: true, skipTypename: true, documentMode: 'string' },
    },
  },
};
export default config;
