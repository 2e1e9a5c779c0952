/**
 * Embeddings. The embedded default is `HashingEmbeddings`: a deterministic bag of accent-folded syllables,
 * syllable bigrams and character trigrams, hashed into a fixed number of signed dimensions and L2-normalised.
 * Nothing is downloaded; it adds fuzzy matching (partial words, missing accents, spelling variants) to BM25.
 * With `EMBEDDINGS_MODEL` and an OpenAI-compatible endpoint configured, `OpenAIEmbeddings` is used instead.
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { OpenAIEmbeddings } from '@langchain/openai';
import { isFoldedStopword, tokens } from '../text/tokenize.js';

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a 32-bit hash of `text`, continued from the state `h` (the hash of what came before it). */
function hashOn(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** What one distinct word adds to a vector, computed once: its features' slots, signs and weight. */
interface WordFeatures {
  /** 1, or 0.25 for a function word. */
  weight: number;
  /** The word feature's slot, then its trigrams': slot · 2 + 1 when the feature counts negatively. */
  slots: Int32Array;
  /** The hash state after "b:<word>_": a bigram's hash is it continued over the next word. */
  bigramSeed: number;
}

/** Distinct words remembered per embedder (a language has some thousands; bounded against a flood of odd tokens). */
const MAX_WORDS = 200_000;

export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;
  private readonly words = new Map<string, WordFeatures>();
  private readonly scratch: Float64Array;

  constructor(dimensions = 512) {
    super({});
    this.dimensions = dimensions;
    this.scratch = new Float64Array(dimensions);
  }

  /** A hashed feature's slot and sign (· 2 + 1 when negative). */
  private slot(h: number): number {
    const u = h >>> 0;
    return ((u % this.dimensions) << 1) | (u & 0x80000000 ? 1 : 0);
  }

  private featuresOf(word: string): WordFeatures {
    let found = this.words.get(word);
    if (!found) {
      const padded = `^${word}$`;
      const trigrams = Math.max(0, padded.length - 2);
      const slots = new Int32Array(1 + trigrams);
      slots[0] = this.slot(hashOn(FNV_OFFSET, `w:${word}`));
      for (let j = 0; j < trigrams; j++) slots[1 + j] = this.slot(hashOn(FNV_OFFSET, `c:${padded.slice(j, j + 3)}`));
      found = { weight: isFoldedStopword(word) ? 0.25 : 1, slots, bigramSeed: hashOn(FNV_OFFSET, `b:${word}_`) };
      if (this.words.size >= MAX_WORDS) this.words.clear();
      this.words.set(word, found);
    }
    return found;
  }

  /**
   * The vector of one text (synchronous; the async methods wrap it). Each word's features (`w:` the word, `b:` the
   * pair with the word before, `c:` the trigrams of `^word$`) are hashed into signed slots and added in that order,
   * word by word; the hashes of a word are remembered, so a long text hashes each distinct word once.
   */
  embed(text: string): number[] {
    return this.embedWords(tokens(text).map((t) => t.folded));
  }

  /** The vector of a text whose tokens' folded forms are `words` (`tokens(text)`, in order): what `embed` gives. */
  embedWords(words: readonly string[]): number[] {
    const dimensions = this.dimensions;
    // One scratch array for every call (it is filled with zeros first): a new one per text was most of the garbage.
    const vector = this.scratch;
    vector.fill(0);
    const list = words;
    let previous: WordFeatures | undefined;
    for (let i = 0; i < list.length; i++) {
      const word = list[i]!;
      const features = this.featuresOf(word);
      const { weight, slots } = features;
      let s = slots[0]!;
      vector[s >> 1]! += s & 1 ? -weight : weight;
      if (previous) {
        s = this.slot(hashOn(previous.bigramSeed, word));
        vector[s >> 1]! += s & 1 ? -weight : weight;
      }
      const trigram = 0.3 * weight;
      for (let j = 1; j < slots.length; j++) {
        s = slots[j]!;
        vector[s >> 1]! += s & 1 ? -trigram : trigram;
      }
      previous = features;
    }
    // Sub-linear term frequency, then unit length so inner product is cosine similarity.
    let norm = 0;
    for (let i = 0; i < vector.length; i++) {
      const v = vector[i]!;
      vector[i] = Math.sign(v) * Math.log1p(Math.abs(v));
      norm += vector[i]! * vector[i]!;
    }
    norm = Math.sqrt(norm) || 1;
    const out = new Array<number>(dimensions);
    for (let i = 0; i < dimensions; i++) out[i] = vector[i]! / norm;
    return out;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}

export interface EmbeddingsChoice {
  embeddings: Embeddings;
  /** Recorded in the index: an index is only served with the embedder that built it. */
  id: string;
}

export interface EmbeddingsConfig {
  EMBEDDINGS_MODEL?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
}

/**
 * OpenAI-compatible embeddings with two clients: documents (ingest) in batches of 64 with up to 3 retries and a
 * generous timeout; queries (one per question, on the answer path) without retries and with a short timeout, since
 * retrieval falls back to BM25 alone when a query cannot be embedded. Vectors are
 * asked for as plain floats: the SDK's default base64 is not understood by every compatible server.
 */
export class OpenAICompatibleEmbeddings extends Embeddings {
  /** LangChain's OpenAI client, read on first use rather than when a process that may never embed starts. */
  private clients?: Promise<{ documents: OpenAIEmbeddings; queries: OpenAIEmbeddings }>;

  constructor(private readonly config: { model: string; apiKey?: string; baseURL?: string }) {
    super({});
  }

  private clientsOf(): Promise<{ documents: OpenAIEmbeddings; queries: OpenAIEmbeddings }> {
    this.clients ??= import('@langchain/openai').then(({ OpenAIEmbeddings }) => {
      const common = {
        model: this.config.model,
        apiKey: this.config.apiKey || 'not-needed',
        configuration: this.config.baseURL ? { baseURL: this.config.baseURL } : undefined,
        encodingFormat: 'float' as const,
      };
      return {
        documents: new OpenAIEmbeddings({ ...common, batchSize: 64, maxRetries: 3, maxConcurrency: 2, timeout: 120_000 }),
        queries: new OpenAIEmbeddings({ ...common, maxRetries: 0, timeout: 3_000 }),
      };
    });
    return this.clients;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return (await this.clientsOf()).documents.embedDocuments(documents);
  }

  async embedQuery(document: string): Promise<number[]> {
    return (await this.clientsOf()).queries.embedQuery(document);
  }
}

/** Picks the embedder from configuration: OpenAI-compatible when a model and endpoint are set, else hashing. */
export function chooseEmbeddings(config: EmbeddingsConfig): EmbeddingsChoice {
  if (config.EMBEDDINGS_MODEL && (config.OPENAI_BASE_URL || config.OPENAI_API_KEY)) {
    return {
      embeddings: new OpenAICompatibleEmbeddings({
        model: config.EMBEDDINGS_MODEL,
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
      }),
      id: `openai:${config.EMBEDDINGS_MODEL}`,
    };
  }
  const hashing = new HashingEmbeddings();
  return { embeddings: hashing, id: `hashing-v1:${hashing.dimensions}` };
}
