import { homeFile, type Manifest } from '../index-format';
import { encodeHomeAnswer, SearchEngine } from '../search';
import { TermCounter, type SegmentCounts } from './counts';
import { fsFetcher } from './fs-fetcher';
import { writeSuggestions, writeWordFacets } from './suggest';
import { manifestId, type IndexWriter } from './writer';

/**
 * Works out what the build stores for readers on the index `draft` describes, and writes it as root files:
 * the answer to a request without a query (lib/search/home.ts) and the suggestions with the readings of
 * their characters (suggest.ts, from `wordDf`: the live documents each word was cut in), and the facet
 * counts of the words offered (word-facets.ts). `known` are the
 * counts per segment the previous state kept (counts.ts). Returns the manifest that names the files, and
 * the counts per segment to keep for the next update.
 */
export async function withStoredAnswers(
  writer: IndexWriter,
  draft: Omit<Manifest, 'buildId'>,
  wordDf: ReadonlyMap<string, number>,
  known: SegmentCounts,
): Promise<{ draft: Omit<Manifest, 'buildId'>; counts: SegmentCounts }> {
  // The engine over the index about to be published (its manifest from memory): what the build stores is what the engine answers.
  const engine = await SearchEngine.open(
    fsFetcher(writer.outDir, { ...draft, home: null, suggest: [], readings: [], wordFacets: [], buildId: manifestId(draft) }),
    { storedHome: false },
  );
  const answer = await engine.search({ sort: 'newest' });
  const home = await writer.rootFile(homeFile, encodeHomeAnswer(answer));
  const counter = new TermCounter(writer.outDir, draft, engine, known);
  const { suggest, readings, offered } = await writeSuggestions(writer, (term) => counter.tally(term), wordDf, draft.docCount, draft.banks, answer.facets.bank);
  const wordFacets = await writeWordFacets(writer, offered, (term) => engine.storedFacetsKey(term));
  return { draft: { ...draft, home, suggest, readings, wordFacets }, counts: counter.counts };
}
