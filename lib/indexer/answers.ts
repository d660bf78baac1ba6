import { homeFile, MANIFEST_FILE, type Manifest } from '../index-format';
import { encodeHomeAnswer, SearchEngine } from '../search';
import { fsFetcher } from './fs-fetcher';
import { writeSuggestions } from './suggest';
import { manifestId, type IndexWriter } from './writer';

/**
 * The engine over an index about to be published: its manifest from memory, every other file from
 * `outDir`, where the writer has put it. What the build stores for readers is asked of this engine, so
 * that it is what the engine itself would answer.
 */
async function draftEngine(outDir: string, draft: Manifest): Promise<SearchEngine> {
  const manifestBytes = new TextEncoder().encode(JSON.stringify(draft));
  const files = fsFetcher(outDir);
  return SearchEngine.open((name) => (name === MANIFEST_FILE ? Promise.resolve(manifestBytes) : files(name)), { storedHome: false });
}

/**
 * Works out what the build stores for readers on the index `draft` describes, and writes it as root files:
 * the answer to a request without a query (lib/search/home.ts) and the suggestions (suggest.ts, from
 * `wordDf`: the live documents each word was cut in). Returns the manifest that names them.
 */
export async function withStoredAnswers(
  writer: IndexWriter,
  draft: Omit<Manifest, 'buildId'>,
  wordDf: ReadonlyMap<string, number>,
): Promise<Omit<Manifest, 'buildId'>> {
  const engine = await draftEngine(writer.outDir, { ...draft, home: null, suggest: [], buildId: manifestId(draft) });
  const answer = await engine.search({ sort: 'newest' });
  const home = await writer.rootFile(homeFile, encodeHomeAnswer(answer));
  const suggest = await writeSuggestions(writer, engine, wordDf, draft.docCount, draft.banks, answer.facets.bank);
  return { ...draft, home, suggest };
}
