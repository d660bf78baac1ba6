// @ts-check
import tseslint from 'typescript-eslint';

/**
 * Import boundaries. The browser bundle (app/, components/, and the two lib folders it ships) must never
 * pull in Node built-ins or the Node-only build side, and every lib folder is used through its index only,
 * so that a folder's internals can change without breaking its neighbours.
 *
 * `no-restricted-imports` options do not merge across config objects (the last match wins), so each
 * file group gets one complete list built from the pieces below.
 */

const NODE_ONLY_LIB = '(ingest|indexer|serve|site|corpus|oracle|bench)';

/** Imports of another lib folder's internals: `@/lib/search/engine`, `../../lib/search/engine`. */
const deepLibImport = {
  regex: '(^|/)lib/[^/]+/(?!index(\\.[cm]?[jt]sx?)?$)[^/]+',
  message: 'Import a lib folder through its index only: lib/<folder> (or lib/<folder>/index).',
};

/**
 * Inside lib/<x>/, a sibling folder's internals (`../index-format/fold`), except the files named in
 * `allowed` besides its index.
 * @param {string} allowed regex alternatives of file names
 * @param {string} message
 */
const siblingImport = (allowed, message) => ({
  regex: `^\\.\\./[^./][^/]*/(?!(${allowed})(\\.[cm]?[jt]sx?)?$)[^/]+`,
  message,
});

const deepSiblingImport = siblingImport('index', 'Import a sibling lib folder through its index only: ../<folder>.');

/** The same for unit tests, which may also share a sibling's test-only helpers: `../index-format/test-support`. */
const deepSiblingImportFromTest = siblingImport(
  'index|test-support',
  'Import a sibling lib folder through its index (or its test-support, from a test) only: ../<folder>.',
);

const nodeBuiltins = {
  regex: '^(node:.*|fs|fs/.*|path|path/.*)$',
  message: 'Browser code must not import Node built-ins.',
};

const nodePackages = {
  regex: '^(nodejieba|gray-matter|pinyin-pro)(/.*)?$',
  message: 'Browser code must not import Node-only packages; they belong to the index build.',
};

const nodeOnlyLib = {
  regex: `((^|/)lib/${NODE_ONLY_LIB}|^\\.\\./${NODE_ONLY_LIB})(/.*)?$`,
  message: 'Browser code must not import the Node-only side (lib/ingest, lib/indexer, lib/serve, lib/site, lib/corpus, lib/oracle, lib/bench).',
};

/** @param {{ regex: string; message: string }[]} patterns */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const BROWSER_FILES = ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/search/**/*.ts', 'lib/index-format/**/*.ts'];
const LIB_FILES = ['lib/**/*.ts'];
// Unit tests and their helpers run only in Node and are never bundled, so they may read fixtures from disk or build an index.
const TEST_FILES = ['**/*.test.ts', 'lib/search/test-support.ts'];

export default tseslint.config(
  { ignores: ['out/', '.next/', '.e2e/', 'node_modules/', 'public/search/', 'data/', 'test-results/', 'playwright-report/', 'next-env.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      ...restrict([deepLibImport]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: LIB_FILES, rules: restrict([deepLibImport, deepSiblingImport]) },
  { files: ['lib/**/*.test.ts'], rules: restrict([deepLibImport, deepSiblingImportFromTest]) },
  {
    files: BROWSER_FILES,
    ignores: TEST_FILES,
    rules: restrict([deepLibImport, nodeBuiltins, nodePackages, nodeOnlyLib]),
  },
  {
    files: ['lib/search/**/*.ts', 'lib/index-format/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([deepLibImport, deepSiblingImport, nodeBuiltins, nodePackages, nodeOnlyLib]),
  },
);
