/**
 * Embeddings. The embedded default is `HashingEmbeddings`: a deterministic bag of accent-folded syllables,
 * syllable bigrams and character trigrams, hashed into a fixed number of signed dimensions and L2-normalised.
 * Nothing is downloaded; it adds fuzzy matching (partial words, missing accents, spelling variants) to BM25.
 * With `EMBEDDINGS_MODEL` and an OpenAI-compatible endpoint configured, `OpenAIEmbeddings` is used instead.
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { OpenAIEmbeddings } from '@langchain/openai';
import { isFoldedStopword, tokens } from '../text/tokenize.js';

/** FNV-1a 32-bit hash. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(dimensions = 512) {
    super({});
    this.dimensions = dimensions;
  }

  /** The vector of one text (synchronous; the async methods wrap it). */
  embed(text: string): number[] {
    const vector = new Float64Array(this.dimensions);
    const add = (feature: string, weight: number) => {
      const h = hash(feature);
      vector[h % this.dimensions]! += h & 0x80000000 ? -weight : weight;
    };
    const list = tokens(text);
    for (let i = 0; i < list.length; i++) {
      const word = list[i]!.folded;
      const weight = isFoldedStopword(word) ? 0.25 : 1;
      add(`w:${word}`, weight);
      if (i > 0) add(`b:${list[i - 1]!.folded}_${word}`, weight);
      const padded = `^${word}$`;
      for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.3 * weight);
    }
    // Sub-linear term frequency, then unit length so inner product is cosine similarity.
    let norm = 0;
    for (let i = 0; i < vector.length; i++) {
      const v = vector[i]!;
      vector[i] = Math.sign(v) * Math.log1p(Math.abs(v));
      norm += vector[i]! * vector[i]!;
    }
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (v) => v / norm);
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
