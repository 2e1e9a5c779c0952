/**
 * Evaluation data sets: the project's JSONL question format, ALQAC 2024 (laws and questions) and the UIT
 * regulations QA (SQuAD format), turned into documents the pipeline indexes and questions it answers.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Turn } from '../answer/followup.js';
import type { StoredDocument } from '../index/store.js';
import { nfc } from '../text/normalize.js';

export interface EvalQuestion {
  id: string;
  kind: string;
  question: string;
  history?: Turn[];
  /** Groups of alternatives: every group must be matched by one alternative. */
  expect?: string[][];
  evidence?: string;
  expect_not_found?: boolean;
  /** ALQAC: gold (documentId, article) pairs; a cited passage in one of them is a hit. */
  gold?: Array<{ documentId: string; article: string }>;
  /** UIT: the passage (documentId) holding the gold span. */
  goldDocument?: string;
  /** For a refusal: the code it should carry (reported, not scored). */
  refusal_code?: string;
}

/** A conversation: its turns are asked in order, each with the assistant's own earlier answers as history. */
export interface EvalDialogue {
  id: string;
  corpus?: 'shared' | 'project';
  turns: Array<Omit<EvalQuestion, 'id' | 'kind' | 'history'> & { kind?: string }>;
}

/** Reads a JSONL file of conversations. */
export async function readDialogues(file: string): Promise<EvalDialogue[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalDialogue);
}

/** Reads a JSONL question file. */
export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

function storedDocument(id: string, title: string, text: string, number?: string): StoredDocument {
  const body = nfc(text);
  return { id, file: `${id}.txt`, hash: createHash('sha256').update(body).digest('hex'), meta: { title, number }, text: body };
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** ALQAC 2024: each law is a document whose articles are "Điều N. …" sections. */
export async function readAlqac(dir: string): Promise<{ documents: StoredDocument[]; questions: EvalQuestion[] }> {
  const laws = JSON.parse(await readFile(`${dir}/law.json`, 'utf8')) as Array<{ id: string; articles: Array<{ id: string; text: string }> }>;
  const documents = laws.map((law) =>
    storedDocument(
      slug(law.id),
      law.id,
      law.articles
        .map((a) => {
          const [title, ...body] = a.text.split('\n\n');
          return `Điều ${a.id}. ${title?.trim()}\n${body.join('\n')}`;
        })
        .join('\n\n'),
    ),
  );
  const raw = JSON.parse(await readFile(`${dir}/train.json`, 'utf8')) as Array<{
    question_id: string;
    question_type: string;
    text: string;
    relevant_articles: Array<{ law_id: string; article_id: string }>;
  }>;
  const questions = raw.map((q) => ({
    id: q.question_id,
    kind: q.question_type,
    question: q.text,
    gold: q.relevant_articles.map((a) => ({ documentId: slug(a.law_id), article: a.article_id })),
  }));
  return { documents, questions };
}

/** UIT regulations QA: each context passage is a document; answers are gold spans. */
export async function readUit(file: string): Promise<{ documents: StoredDocument[]; questions: EvalQuestion[] }> {
  const data = JSON.parse(await readFile(file, 'utf8')) as {
    data: Array<{ title?: string; paragraphs: Array<{ context: string; qas: Array<{ id: string; question: string; answers: Array<{ text: string }> }> }> }>;
  };
  const documents: StoredDocument[] = [];
  const questions: EvalQuestion[] = [];
  let n = 0;
  for (const article of data.data) {
    for (const paragraph of article.paragraphs) {
      const id = `uit-${++n}`;
      documents.push(storedDocument(id, article.title ?? `Quy chế đào tạo, đoạn ${n}`, paragraph.context));
      paragraph.qas.forEach((qa, i) => {
        questions.push({
          id: `${id}-${i}`,
          kind: 'uit',
          question: qa.question,
          expect: [qa.answers.map((a) => a.text)],
          goldDocument: id,
        });
      });
    }
  }
  return { documents, questions };
}
