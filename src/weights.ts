/**
 * The weights and thresholds that rank passages, choose the sentence quoted and gate refusals, declared in one place.
 * Each is a feature's weight in a linear score or a share a gate compares with; `docs/weights.md` gives the measured
 * effect of each on the held-out halves (`npm run ablate`: the feature set to zero, or the gate moved, one at a time).
 *
 * The objects are read at every question, never copied: `scripts/ablate.ts` changes one value at a time to measure
 * it. Nothing else writes them.
 */

/**
 * A passage's final rank (`SearchEngine.search`): the weighted sum of what retrieval measured of it, in this order,
 * plus bonuses for what the question names.
 */
export const PASSAGE = {
  /** BM25 score as a share of the best passage's. */
  lexical: 0.4,
  /** Reciprocal-rank fusion of the BM25 and vector rankings, as a share of the best. */
  fused: 0.2,
  /** Cosine similarity of the vectors (0 when negative). */
  vector: 0.15,
  /** Share of the question's topic the passage holds, with its document's title. */
  coverage: 0.35,
  /** Share of the topic of the headings above the passage that the question names. */
  heading: 0.1,
  /** The passage's document is the one the question names by number, or the passage cites it. */
  documentNamed: 0.25,
  /** The question names a document by number and the passage belongs to another numbered one (a penalty). */
  otherDocument: -0.15,
  /** The passage speaks of a year the question names. */
  yearNamed: 0.1,
  /** The question names a year and the passage speaks only of others (a penalty). */
  otherYear: -0.15,
  /** Each number of the question the passage writes. */
  numberNamed: 0.05,
  /** The question names the passage's document by its whole title ("theo Luật Du lịch"). */
  titleNamed: 0.1,
  /** The passage stands under the article the question names ("Điều 6"). */
  articleNamed: 0.2,
  /** Weight of the vector ranking against BM25's (1) in the fused rank. */
  vectorInFusion: 0.5,
  /** The k of reciprocal-rank fusion, 1 / (k + rank). */
  fusionK: 60,
  /** Search weight of query terms that only name a document or frame the question ("…, đúng hay sai?"). */
  frameTerm: 0.1,
};

/** How a question's terms weigh in search (`retrieve/query.ts`). */
export const QUERY = {
  /** A pair of topic syllables side by side ("kinh_tế"): above a syllable alone (1). */
  topicPair: 1.2,
  /** A pair with one function word in it. */
  pairWithStopword: 0.9,
  /** A pair of two function words. */
  pairOfStopwords: 0.3,
  /** A synonym the question did not write. */
  synonym: 0.45,
};

/**
 * A sentence's (or row's) score when choosing what to quote (`answer/extractive.ts`): the share of the question it
 * holds, plus these.
 */
export const SENTENCE = {
  /** Share of the question held by the sentence with the one before it, counted at this weight (a continuation). */
  continuation: 0.8,
  /** Share of the question its headings and table header hold. */
  context: 0.15,
  /** Its passage's final rank as a share of the best passage's. */
  passage: 0.35,
  /** How well it holds the kind of fact asked (a date for "khi nào?", an agency for "ai?"). */
  intent: 0.2,
  /** It holds the form of answer asked for: a length of time, a purpose. */
  form: 0.2,
  /** Its passage names the abbreviation the question names (as specific as a document number). */
  acronym: 0.25,
  /** The column of a row that answers "ban hành ngày nào?" (the issue date). */
  issuedColumn: 0.2,
  /** The column of a row that answers a deadline or a responsibility question. */
  roleColumn: 0.1,
  /** It stands under the article the question names. */
  article: 0.15,
  /** It writes a number or a date the question names. */
  numberNamed: 0.1,
  /** It says what the term a definition question asks is ("Học kỳ là …"). */
  definition: 0.5,
  /** It gives a number of what a "bao nhiêu …?" question counts. */
  counted: 0.3,
  /** Taken off per rank of its passage. */
  rankStep: 0.02,
  /** Score, as a share of the best passage's, of another chunk of its section read for the kind of document asked. */
  sectionNeighbour: 0.95,
  /** Share of the best sentence's score within which a second sentence is quoted too. */
  closeCall: 0.9,
};

/** Gates: below these shares a passage or a sentence does not answer. */
export const GATES = {
  /** Share of the question's topic a passage must hold to answer from it (the refusal line; confidence 30/100). */
  minCoverage: 0.3,
  /** Share of a follow-up's own words (not those taken from the turns before) a passage must hold. */
  minOwnCoverage: 0.15,
  /** Share of the best unit's coverage a unit with a figure must hold to answer a quantity question. */
  figureCoverage: 0.6,
  /** Share of the best unit's coverage a unit holding the kind of fact asked must hold to be quoted before it. */
  intentCoverage: 0.5,
  /** The same for a sentence telling a time against an event ("… khi sinh viên đủ điều kiện tốt nghiệp"). */
  relativeTimeCoverage: 0.8,
  /**
   * Share of the answer's coverage of a question standing alone that the document a conversation reads must hold to
   * answer it instead ("Cơ quan thường trực của Ban Chỉ đạo là cơ quan nào?" while reading the report of its meeting).
   */
  conversationDocument: 0.5,
};
