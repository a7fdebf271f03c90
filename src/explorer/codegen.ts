import type { CodegenConfig } from '@graphql-codegen/cli';

// The page's GraphQL types come from the API's approved schema: a schema change that breaks one of the page's
// documents fails codegen (the document no longer validates) or the type check (a field's type changed), and with
// them the build. Each document is sent by its SHA-256 hash only; persisted-documents.json (hash -> text) is
// registered with the API by the .NET build, so /graphql knows every document the page can send.
const config: CodegenConfig = {
  schema: '../../schema/healthgraph.graphql',
  documents: ['src/documents/*.graphql'],
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeOffset: 'string' },
      },
    },
  },
  silent: true,
};

export default config;
