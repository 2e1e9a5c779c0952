/**
 * The search engine the service holds in memory: documents, chunks, BM25 over both spellings and the HNSW vectors,
 * with hybrid retrieval (BM25 + vectors, reciprocal-rank fusion) and a final ranking that rewards passages holding
 * the question's key terms, numbers, years and document references, whose headings the question names, and that
 * belong to a document the question names by its title.
 */
import path from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import type hnswlib from 'hnswlib-node';
import type { Chunk } from '../ingest/chunk.js';
import { Bm25, holdsId, holdsIn } from '../index/bm25.js';
import { computeTextFeatures, readTextFeatures, type TextFeatures } from '../index/features.js';
import { positionsOfLabels, type GraphLabels } from '../index/graph.js';
import { buildHnsw, readIndex, type IndexData, type Manifest, type StoredDocument } from '../index/store.js';
import type { EmbeddingsChoice } from '../index/embeddings.js';
import { AppError } from '../errors.js';
import { documentKey, findDocRefs } from '../text/docrefs.js';
import { terms, termsHeld, tokens } from '../text/tokenize.js';
import { fold } from '../text/normalize.js';
import { Speller } from './spelling.js';
import { PROVINCE_KEYS } from '../text/places.js';
import { definedAbbreviations, groupAbbreviations } from '../text/abbreviations.js';
import { articleRefs, DOC_TYPE_WORDS, KIND_ONLY, NAMED_KIND, OPENING_FRAMES, PLACE_NAME, QUESTION_FRAMES } from './frames.js';
import type { QueryAnalysis } from './query.js';
import { extractAllFacts } from '../facts/extract.js';
import type { Fact } from '../facts/types.js';
import { PASSAGE } from '../weights.js';

export interface PassageScores {
  lexical: number;
  vector: number;
  fused: number;
  /** Share of the question's topic found in the passage, or in the rest of its article (section) where that is more. */
  coverage: number;
  final: number;
}

export interface Passage {
  /** Position of the chunk in the index. */
  position: number;
  chunk: Chunk;
  document: StoredDocument;
  scores: PassageScores;
}

export interface SearchOptions {
  topK?: number;
  /** Candidates taken from each of BM25 and the vectors before fusion. */
  candidates?: number;
}

/** What a text holds, asked term by term (a Set, or a chunk's postings in the BM25 index). */
export interface TermLookup {
  has(term: string): boolean;
}

interface TermSets {
  accented: TermLookup;
  folded: TermLookup;
}

/** A chunk's features; its terms are not kept here but looked up in the BM25 postings (they are the same terms). */
interface ChunkFeatures {
  years: ReadonlySet<string>;
  docKey?: string;
  /** Topic terms of the headings the chunk sits under (labels such as "Điều 5." left out). */
  headings: { accented: string[]; folded: string[] };
  /** Position of the chunk's section (its article, when the document has "Điều N" articles). */
  section: number;
}

/**
 * A question term {@link SearchEngine.termShare} counts (question weight ≥ 0.5): its weight there (idf × the question's
 * weight), its postings, and the term sets that count for it, with theirs; resolved once per analysis.
 */
interface ShareTerm {
  term: string;
  weight: number;
  entity: boolean;
  ids: ArrayLike<number>;
  alternatives: Array<{ terms: string[]; ids: Array<ArrayLike<number>> }>;
}


/** A chunk's section for coverage: its document and section path, cut after the article ("Điều N") where there is one. */
function sectionKeyOf(chunk: Chunk): string {
  const at = chunk.section.findIndex((l) => /^Điều\s/u.test(l));
  const path = at >= 0 ? chunk.section.slice(0, at + 1) : chunk.section;
  return [chunk.documentId, ...path].join('\u0000');
}

const NO_YEARS: ReadonlySet<string> = new Set();

export class SearchEngine {
  readonly manifest: Manifest;
  readonly version: string;
  readonly documents: Map<string, StoredDocument>;
  readonly chunks: Chunk[];
  private factsRead?: Fact[];
  private placeNames?: Set<string>;
  private abbreviationList?: Array<[string, string]>;
  private speller?: Speller;
  private readonly features: ChunkFeatures[];
  /** Chunk positions of each section (article), for coverage. */
  private readonly sections: number[][];
  /** True for a section whose positions follow each other (one range of the postings to look in). */
  private readonly sectionRuns: boolean[];
  /** What termShare, sectionCoverage and focus computed for an analysis (analyses are never changed once made). */
  private readonly shareTerms = new WeakMap<QueryAnalysis, ShareTerm[]>();
  private readonly sectionShares = new WeakMap<QueryAnalysis, Map<number, number>>();
  private readonly focused = new WeakMap<QueryAnalysis, { analysis: QueryAnalysis; named: Set<string> }>();
  private readonly textShares = new WeakMap<QueryAnalysis, { wanted: Set<string>; entities: boolean; known: Map<string, number> }>();
  /** The idf of each heading term list's terms (the lists are shared by the chunks under the same headings). */
  private readonly headingIdfs = { accented: new WeakMap<string[], Float64Array>(), folded: new WeakMap<string[], Float64Array>() };
  /** Chunk positions of each document, in index order. */
  private readonly byDocument = new Map<string, number[]>();
  /** Titles a question may name a document by, as syllables in both spellings. */
  private readonly titles: Array<{ documentId: string; accented: string[]; folded: string[] }>;
  /** Terms of each document's title: what every passage of the document is about ("Quảng Ninh: …"). */
  private readonly titleTerms = new Map<string, TermSets>();
  private readonly bm25: { accented: Bm25; folded: Bm25 };
  private readonly hnsw: hnswlib.HierarchicalNSW;
  /** Each graph label's chunk position (-1: a deleted point); labels are positions unless the version maps them. */
  private readonly positionOfLabel: Int32Array;
  private readonly embeddings: Embeddings;
  /** Document keys ("nq:57") of the corpus, to tell when a question names a document we do not hold. */
  readonly docKeys: Set<string>;
  /** The corpus's own documents by key of their number ("nq:57"), not documents they only mention. */
  private readonly byKey = new Map<string, StoredDocument>();

  private constructor(
    data: {
      manifest: Manifest;
      version: string;
      documents: StoredDocument[];
      chunks: Chunk[];
      hnsw: hnswlib.HierarchicalNSW;
      labels?: GraphLabels;
      facts?: Fact[];
      /** Saved at ingest (features.ts); read from the text when absent. */
      features?: TextFeatures;
    },
    embeddings: Embeddings,
  ) {
    this.manifest = data.manifest;
    this.version = data.version;
    this.documents = new Map(data.documents.map((d) => [d.id, d]));
    this.chunks = data.chunks;
    this.factsRead = data.facts;
    this.hnsw = data.hnsw;
    this.positionOfLabel = positionsOfLabels(data.hnsw.getCurrentCount(), data.labels);
    this.embeddings = embeddings;
    const read = data.features ?? computeTextFeatures(this.documents, data.chunks);
    this.bm25 = read.bm25;
    this.docKeys = new Set();
    for (const [term] of this.bm25.accented.vocabulary()) if (/^#[a-z]+:\d+$/.test(term)) this.docKeys.add(term.slice(1));
    this.sections = [];
    const sectionIds = new Map<string, number>();
    // One key string per document, shared by its chunks.
    const docKeys = new Map<string, string | undefined>();
    this.features = data.chunks.map((chunk, chunkIndex) => {
      const doc = this.documents.get(chunk.documentId)!;
      let docKey = docKeys.get(doc.id);
      if (!docKeys.has(doc.id)) docKeys.set(doc.id, (docKey = documentKey(doc.meta)));
      if (docKey) {
        this.docKeys.add(docKey);
        if (!this.byKey.has(docKey)) this.byKey.set(docKey, doc);
      }
      const key = sectionKeyOf(chunk);
      let section = sectionIds.get(key);
      if (section === undefined) {
        sectionIds.set(key, (section = this.sections.length));
        this.sections.push([]);
      }
      this.sections[section]!.push(chunkIndex);
      const own = this.byDocument.get(chunk.documentId);
      if (own) own.push(chunkIndex);
      else this.byDocument.set(chunk.documentId, [chunkIndex]);
      return {
        // Most chunks name no year: they share one empty set.
        years: read.years[chunkIndex]!.length ? new Set(read.years[chunkIndex]) : NO_YEARS,
        docKey,
        headings: read.headings[read.headingOf[chunkIndex]!]!,
        section,
      };
    });
    this.sectionRuns = this.sections.map((list) => list[list.length - 1]! - list[0]! === list.length - 1);
    this.titles = [];
    for (const doc of data.documents) {
      const t = terms(doc.meta.title ?? '');
      this.titleTerms.set(doc.id, { accented: new Set(t.accented), folded: new Set(t.folded) });
      const list = tokens(doc.meta.title ?? '');
      const words = list.map((t) => t.text).join(' ');
      if (list.length < 2 || !NAMED_KIND.test(words) || KIND_ONLY.test(words)) continue;
      this.titles.push({ documentId: doc.id, accented: list.map((t) => t.text), folded: list.map((t) => t.folded) });
    }
  }

  /**
   * Loads the current index version (or the version named, e.g. a previous good one when the current is corrupt).
   * @throws AppError INDEX_EMBEDDER_MISMATCH when the index was built by another embedder than `choice`
   */
  static async load(indexDir: string, choice: EmbeddingsChoice, version?: string): Promise<SearchEngine> {
    const data = await readIndex(indexDir, version);
    if (data.manifest.embeddings !== choice.id) {
      throw new AppError(
        'INDEX_EMBEDDER_MISMATCH',
        `Chỉ mục: "${data.manifest.embeddings}", cấu hình: "${choice.id}".`,
      );
    }
    // Saved at ingest: no tokenising of the corpus at start. Unreadable ones are read from the text instead.
    const features = await readTextFeatures(path.join(indexDir, 'versions', data.version), data.chunks.length).catch(() => undefined);
    return new SearchEngine({ ...data, features }, choice.embeddings);
  }

  /** An engine over index data built in memory (evaluation, tests): nothing is read from or written to disk. */
  static fromData(data: IndexData, choice: EmbeddingsChoice): SearchEngine {
    const hnsw = buildHnsw(data);
    hnsw.setEf(Math.max(64, Math.min(400, data.chunks.length)));
    return new SearchEngine({ ...data, version: 'memory', hnsw }, choice.embeddings);
  }

  /**
   * Places the corpus names after "tỉnh", "thành phố", "huyện" … ("Quảng Ninh", "Hạ Long"), and the country's
   * provinces, folded: a question naming one, with or without that word, is about that place.
   */
  get places(): Set<string> {
    if (!this.placeNames) {
      this.placeNames = new Set(PROVINCE_KEYS);
      for (const doc of this.documents.values()) {
        for (const m of `${doc.meta.title ?? ''}\n${doc.text}`.matchAll(PLACE_NAME)) {
          const name = m[1]!.trim();
          if (name.split(/\s+/).length >= 2) this.placeNames.add(fold(name).toLowerCase());
        }
      }
    }
    return this.placeNames;
  }

  /** The corpus's own document with this key ("nq:57"), if it holds one. */
  documentByKey(key: string): StoredDocument | undefined {
    return this.byKey.get(key);
  }

  /** Chunk positions of a document, in index order. */
  positionsOf(documentId: string): readonly number[] {
    return this.byDocument.get(documentId) ?? [];
  }

  /** Every document of the corpus. */
  allDocuments(): IterableIterator<StoredDocument> {
    return this.documents.values();
  }

  /** True when a text names the document with this key ("Nghị quyết 57", "57-NQ/TW"). */
  namesDocument(text: string, key: string): boolean {
    return findDocRefs(text).some((r) => r.key === key);
  }

  /** Documents whose text names the document with this key ("kh:138"), from the postings of its entity term. */
  documentsNaming(key: string, limit = 50): StoredDocument[] {
    const ids = new Set(this.bm25.accented.search(new Map([[`#${key}`, 1]]), limit).map((hit) => this.chunks[hit.id]!.documentId));
    return [...ids].map((id) => this.documents.get(id)!).filter(Boolean);
  }

  /** The passages that name the document with this key, best first (see {@link documentsNaming}). */
  passagesNaming(key: string, limit = 50): Passage[] {
    return this.bm25.accented.search(new Map([[`#${key}`, 1]]), limit).map((hit) => this.passage(hit.id));
  }

  /** The key of a document's own number ("nq:57"), if it has one. */
  keyOfDocument(documentId: string): string | undefined {
    const meta = this.documents.get(documentId)?.meta;
    return meta ? documentKey(meta) : undefined;
  }

  /** Abbreviations and what they stand for: the common ones and those the corpus defines ("… (ĐTBHK)"). */
  get abbreviations(): ReadonlyArray<readonly [string, string]> {
    // Each document's were read at ingest; an older index's are read from the text here.
    this.abbreviationList ??= groupAbbreviations([...this.documents.values()].map((d) => d.abbreviations ?? definedAbbreviations(d.text)));
    return this.abbreviationList;
  }

  /** The passage at chunk `position`, as an answer built from the index rather than a search cites it. */
  passage(position: number): Passage {
    const chunk = this.chunks[position]!;
    return { position, chunk, document: this.documents.get(chunk.documentId)!, scores: { lexical: 0, vector: 0, fused: 0, coverage: 1, final: 1 } };
  }

  /** The other passages of the section (article, lettered item) chunk `position` stands in, in document order. */
  sectionPassages(position: number): Passage[] {
    return this.sections[this.features[position]!.section]!.filter((i) => i !== position).map((i) => this.passage(i));
  }

  /** The passage holding character `offset` of a document, if a chunk does. */
  passageAt(documentId: string, offset: number): Passage | undefined {
    const position = this.byDocument.get(documentId)?.find((i) => this.chunks[i]!.start <= offset && offset < this.chunks[i]!.end);
    return position === undefined ? undefined : this.passage(position);
  }

  /** Facts read at ingest; for an index older than the facts registry, read from the text on first use. */
  get facts(): Fact[] {
    return (this.factsRead ??= extractAllFacts(this.documents.values(), this.chunks));
  }

  /** True when some passage writes the word (compared without accents). */
  writes(word: string): boolean {
    return this.bm25.folded.df(fold(word).toLowerCase()) > 0;
  }

  /** The question with accent typos respelt as this corpus writes those letters (see {@link Speller}). */
  respell(question: string): string {
    this.speller ??= new Speller(this.bm25.accented);
    return this.speller.respell(question);
  }

  /** BM25 of the field the question was typed in. */
  lexicalIndex(analysis: QueryAnalysis): Bm25 {
    return this.bm25[analysis.field];
  }

  /**
   * Share of the question's topic a passage holds with its document's title, or its whole section (article) does,
   * frames and document names weighed down as in search: what a passage's `scores.coverage` is, for other terms.
   */
  passageCoverage(question: QueryAnalysis, position: number): number {
    const { analysis } = this.focus(question);
    return Math.max(this.coverageWithTitle(analysis, position), this.sectionCoverage(analysis, position));
  }

  /** Share of the (focused) question a chunk holds with its document's title. */
  private coverageWithTitle(analysis: QueryAnalysis, position: number): number {
    return this.chunkShare(analysis, [position], false, this.titleTerms.get(this.chunks[position]!.documentId)![analysis.field]);
  }

  /** Share of the (focused) question the chunk's whole section (article) holds with its document's title. */
  private sectionCoverage(analysis: QueryAnalysis, position: number): number {
    const section = this.features[position]!.section;
    let known = this.sectionShares.get(analysis);
    if (!known) this.sectionShares.set(analysis, (known = new Map()));
    let share = known.get(section);
    if (share === undefined) {
      const positions = this.sections[section]!;
      share = this.chunkShare(analysis, positions, this.sectionRuns[section]!, this.titleTerms.get(this.chunks[position]!.documentId)![analysis.field]);
      known.set(section, share);
    }
    return share;
  }

  /**
   * Share of the question's topic (idf-weighted syllables and bigrams) found in a chunk, 0..1.
   */
  coverage(analysis: QueryAnalysis, chunkIndex: number): number {
    return this.chunkShare(analysis, [chunkIndex], false);
  }

  /** The terms termShare counts for an analysis, resolved once. */
  private shareTermsOf(analysis: QueryAnalysis): ShareTerm[] {
    let list = this.shareTerms.get(analysis);
    if (!list) {
      const bm25 = this.lexicalIndex(analysis);
      list = [];
      for (const [term, weight] of analysis.terms) {
        if (weight < 0.5) continue;
        const alternatives = (analysis.synonyms.get(term) ?? []).map((set) => ({ terms: set, ids: set.map((a) => bm25.documentsOf(a)) }));
        list.push({ term, weight: bm25.idf(term) * weight, entity: term.startsWith('#'), ids: bm25.documentsOf(term), alternatives });
      }
      this.shareTerms.set(analysis, list);
    }
    return list;
  }

  /**
   * Share of the question's idf-weighted terms (weight ≥ 0.5) that `have` holds, 0..1; entity terms ("#nq:57")
   * count only when asked. The one measure of "how much of the question a text holds", for ranking and answers.
   */
  termShare(analysis: QueryAnalysis, have: ReadonlyArray<TermLookup>, withEntities: boolean): number {
    let total = 0;
    let found = 0;
    for (const t of this.shareTermsOf(analysis)) {
      if (!withEntities && t.entity) continue;
      total += t.weight;
      if (have.some((f) => f.has(t.term) || t.alternatives.some((a) => a.terms.every((x) => f.has(x))))) found += t.weight;
    }
    return total ? found / total : 0;
  }

  /**
   * termShare of a text's own terms, entity terms counted (how much of the question a sentence holds), remembered
   * per analysis: an answer weighs the same sentences more than once.
   */
  textShare(analysis: QueryAnalysis, text: string): number {
    let memo = this.textShares.get(analysis);
    if (!memo) {
      // Entity terms are looked for only when the question has one among the terms counted.
      // Only the terms termShare asks about are looked for.
      const wanted = new Set<string>();
      for (const t of this.shareTermsOf(analysis)) {
        wanted.add(t.term);
        for (const a of t.alternatives) for (const x of a.terms) wanted.add(x);
      }
      const entities = [...wanted].some((x) => x.startsWith('#'));
      this.textShares.set(analysis, (memo = { wanted, entities, known: new Map() }));
    }
    let share = memo.known.get(text);
    if (share === undefined) {
      share = this.termShare(analysis, [termsHeld(text, analysis.field, memo.wanted, memo.entities)], true);
      if (memo.known.size < 10_000) memo.known.set(text, share);
    }
    return share;
  }

  /**
   * termShare of chunks (by position, in index order; `run` when they follow each other) and a title, looked up in
   * the postings: a term counts when one of the chunks or the title holds it, or all of one of its alternatives.
   */
  private chunkShare(analysis: QueryAnalysis, positions: readonly number[], run: boolean, title?: TermLookup): number {
    let total = 0;
    let found = 0;
    const first = positions[0]!;
    const last = positions[positions.length - 1]!;
    for (const t of this.shareTermsOf(analysis)) {
      if (t.entity) continue;
      total += t.weight;
      const held =
        (run ? holdsIn(t.ids, first, last) : positions.some((p) => holdsId(t.ids, p))) ||
        t.alternatives.some((a) => positions.some((p) => a.ids.every((ids) => holdsId(ids, p)))) ||
        (!!title && (title.has(t.term) || t.alternatives.some((a) => a.terms.every((x) => title.has(x)))));
      if (held) found += t.weight;
    }
    return total ? found / total : 0;
  }

  /**
   * Documents whose whole title the question names ("theo Luật Du lịch, …"), and the question with the terms that
   * occur only in such a name or in a question frame ("…, đúng hay sai?") weighed down: they say which document, or
   * that a question is asked, not what it is about.
   */
  private focus(analysis: QueryAnalysis): { analysis: QueryAnalysis; named: Set<string> } {
    let known = this.focused.get(analysis);
    if (!known) this.focused.set(analysis, (known = this.focusOf(analysis)));
    return known;
  }

  private focusOf(analysis: QueryAnalysis): { analysis: QueryAnalysis; named: Set<string> } {
    const named = new Set<string>();
    const spans: Array<[number, number]> = [];
    const words = analysis.tokens.map((t) => (analysis.field === 'accented' ? t.text : t.folded));
    const folded = analysis.tokens.map((t) => t.folded);
    const find = (phrase: string[], list: string[], then: (at: number) => void) => {
      for (let i = 0; i + phrase.length <= list.length; i++) if (phrase.every((w, j) => list[i + j] === w)) then(i);
    };
    for (const title of this.titles) {
      const phrase = title[analysis.field];
      find(phrase, words, (at) => {
        named.add(title.documentId);
        spans.push([at, at + phrase.length]);
      });
    }
    for (const frame of QUESTION_FRAMES) find(frame, folded, (at) => spans.push([at, at + frame.length]));
    // "Mục đích của X?", "Ý nghĩa của X?" opening a question ask what X is for: X is the topic (not so when X is a
    // document or an article: "Mục đích của Kế hoạch 138?" asks for that plan's "Mục đích" section).
    if (!analysis.docRefs.length && !articleRefs(analysis.text).size) {
      for (const frame of OPENING_FRAMES) if (frame.every((w, j) => folded[j] === w)) spans.push([0, frame.length]);
    }
    // "Nghị quyết 03/NQ-CP", "Kế hoạch số 138": a reference to a document of the corpus says which document, not
    // what about; its type words ("nghị quyết", "số") weigh as little as a title's. (A document only mentioned in the
    // corpus is what the question is about: "46-CTr/TU được ban hành ngày nào?")
    for (const ref of analysis.docRefs) {
      if (!this.byKey.has(ref.key)) continue;
      let from = analysis.tokens.findIndex((t) => t.end > ref.start);
      const to = analysis.tokens.findIndex((t) => t.start >= ref.end);
      if (from < 0) continue;
      while (from > 0 && from > (to < 0 ? analysis.tokens.length : to) - 8 && DOC_TYPE_WORDS.has(folded[from - 1]!)) from--;
      spans.push([from, to < 0 ? analysis.tokens.length : to]);
    }
    if (!spans.length) return { analysis, named };
    const within = (from: number, to: number) => spans.some(([a, b]) => from >= a && to <= b);
    const inside = new Set<string>();
    const outside = new Set<string>();
    words.forEach((w, i) => {
      (within(i, i + 1) ? inside : outside).add(w);
      // A pair across the edge of a frame or title joins one of its words to the topic's: not the topic either.
      if (i > 0) (within(i - 1, i) || within(i, i + 1) ? inside : outside).add(`${words[i - 1]}_${w}`);
    });
    const weighted = new Map(analysis.terms);
    for (const term of inside) if (!outside.has(term) && weighted.has(term)) weighted.set(term, weighted.get(term)! * PASSAGE.frameTerm);
    return { analysis: { ...analysis, terms: weighted }, named };
  }

  /** Hybrid search. */
  async search(question: QueryAnalysis, options: SearchOptions = {}): Promise<Passage[]> {
    const topK = options.topK ?? 5;
    const candidates = options.candidates ?? 60;
    const { analysis, named } = this.focus(question);
    const lexical = this.lexicalIndex(analysis).search(analysis.terms, candidates);
    const vectorHits = await this.vectorSearch(analysis.text, candidates);
    const fused = new Map<number, { lexical: number; vector: number; rrf: number }>();
    lexical.forEach((hit, rank) => {
      fused.set(hit.id, { lexical: hit.score, vector: 0, rrf: 1 / (PASSAGE.fusionK + rank) });
    });
    vectorHits.forEach((hit, rank) => {
      const entry = fused.get(hit.id) ?? { lexical: 0, vector: 0, rrf: 0 };
      entry.vector = hit.score;
      entry.rrf += PASSAGE.vectorInFusion / (PASSAGE.fusionK + rank);
      fused.set(hit.id, entry);
    });
    const maxLexical = lexical[0]?.score || 1;
    const maxRrf = Math.max(...[...fused.values()].map((f) => f.rrf), 1e-9);
    const refs = new Set(analysis.docRefs.map((r) => r.key));
    const articles = articleRefs(analysis.text);
    const asked = new Set([...analysis.terms].filter(([, w]) => w >= 0.5).map(([t]) => t));
    const bm25 = this.lexicalIndex(analysis);
    const passages: Passage[] = [];
    for (const [id, f] of fused) {
      const chunk = this.chunks[id]!;
      const feats = this.features[id]!;
      // The document's title is context every passage shares ("Quảng Ninh: …" for a report on Quảng Ninh).
      const coverage = this.coverageWithTitle(analysis, id);
      let bonus = 0;
      if (refs.size) {
        const mentions = [...refs].some((k) => this.bm25.accented.holds(id, `#${k}`));
        if ((feats.docKey && refs.has(feats.docKey)) || mentions) bonus += PASSAGE.documentNamed;
        else if (feats.docKey) bonus += PASSAGE.otherDocument;
      }
      if (analysis.years.length) {
        if (analysis.years.some((y) => feats.years.has(y))) bonus += PASSAGE.yearNamed;
        else if (feats.years.size) bonus += PASSAGE.otherYear;
      }
      for (const n of analysis.numbers) if (this.bm25.accented.holds(id, n)) bonus += PASSAGE.numberNamed;
      if (named.has(chunk.documentId)) bonus += PASSAGE.titleNamed;
      if (articles.size && chunk.section.some((l) => articles.has(l))) bonus += PASSAGE.articleNamed;
      // Share of the headings' topic the question names (idf-weighted): "quyền của bên cầm cố" asked, the article
      // "Quyền của bên cầm cố" rather than "Nghĩa vụ của bên cầm cố".
      let headingTotal = 0;
      let headingFound = 0;
      const headingTerms = feats.headings[analysis.field];
      let idfs = this.headingIdfs[analysis.field].get(headingTerms);
      if (!idfs) this.headingIdfs[analysis.field].set(headingTerms, (idfs = Float64Array.from(headingTerms, (term) => bm25.idf(term))));
      for (let i = 0; i < headingTerms.length; i++) {
        const w = idfs[i]!;
        headingTotal += w;
        if (asked.has(headingTerms[i]!)) headingFound += w;
      }
      const heading = headingTotal ? headingFound / headingTotal : 0;
      // Weights measured on ALQAC 2024 and guarded on the other sets (src/weights.ts, docs/weights.md).
      const final =
        PASSAGE.lexical * (f.lexical / maxLexical) +
        PASSAGE.fused * (f.rrf / maxRrf) +
        PASSAGE.vector * Math.max(0, f.vector) +
        PASSAGE.coverage * coverage +
        PASSAGE.heading * heading +
        bonus;
      passages.push({
        position: id,
        chunk,
        document: this.documents.get(chunk.documentId)!,
        scores: {
          lexical: f.lexical,
          vector: f.vector,
          fused: f.rrf,
          coverage: Math.max(coverage, this.sectionCoverage(analysis, id)),
          final,
        },
      });
    }
    passages.sort((a, b) => b.scores.final - a.scores.final);
    return passages.slice(0, topK);
  }

  private async vectorSearch(text: string, k: number): Promise<Array<{ id: number; score: number }>> {
    const count = this.chunks.length;
    if (!count || !this.hnsw.getCurrentCount()) return [];
    let vector: number[];
    try {
      vector = await this.embeddings.embedQuery(text);
    } catch {
      // An embeddings endpoint that is down degrades retrieval to BM25; it must not fail the question.
      return [];
    }
    const result = this.hnsw.searchKnn(vector, Math.min(k, count));
    // Cosine space returns distances 1 - cos. Deleted points are never returned; the check is a safety net.
    const hits: Array<{ id: number; score: number }> = [];
    result.neighbors.forEach((label, i) => {
      const id = this.positionOfLabel[label] ?? -1;
      if (id >= 0) hits.push({ id, score: 1 - result.distances[i]! });
    });
    return hits;
  }
}
