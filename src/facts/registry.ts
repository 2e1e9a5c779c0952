/**
 * The facts registry: filtering the facts of an index by kind, words, agency (through its aliases), document and
 * year. The API (`GET /api/facts`) and the answer module use the same filter.
 */
import type { StoredDocument } from '../index/store.js';
import { docKeyOfNumber } from '../text/docrefs.js';
import { canonSyllable, fold, nfc } from '../text/normalize.js';
import { agencyNamed, locateAgencies, refDenotes, foldSameLength, type Agency, type AgencyRef } from './agencies.js';
import type { Fact, FactKind } from './types.js';
import { dueInYear } from './values.js';

export interface FactFilter {
  kind?: FactKind;
  /** Words of the indicator or task (accents optional: "ty le dich vu cong" finds "Tỉ lệ … dịch vụ công"). */
  q?: string;
  /** An agency as the user writes it ("Bộ TT&TT"): matches lead or co-operating agencies through aliases. */
  agency?: string;
  /** With `agency`, also the agencies merged into it in 2025 (Bộ TT&TT's tasks for "Bộ Khoa học và Công nghệ"). */
  includeMerged?: boolean;
  /** A document id, or its number ("03/NQ-CP", "NQ 03"). */
  document?: string;
  /** Target year, or the year a deadline falls in. */
  year?: number;
}

/** Search tokens: NFC, lower case, spelling variants met ("tỷ" = "tỉ", "hoá" = "hóa"), accents folded. */
export function tokensOf(text: string): string[] {
  return nfc(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}&%]+/u)
    .filter(Boolean)
    .map((t) => fold(canonSyllable(t)));
}

const tokenCache = new WeakMap<Fact, Set<string>>();

/** The words a fact is found by. */
function factTokens(fact: Fact): Set<string> {
  let set = tokenCache.get(fact);
  if (!set) {
    const parts =
      fact.kind === 'target'
        ? [fact.indicator, fact.value, fact.unit ?? '']
        : fact.kind === 'deadline'
          ? [fact.task, fact.due]
          : fact.kind === 'responsibility'
            ? [fact.task, fact.output ?? '', fact.role ?? '']
            : [fact.written, fact.type ?? '', fact.number, fact.issuer ?? ''];
    set = new Set(tokensOf(parts.join(' ')));
    tokenCache.set(fact, set);
  }
  return set;
}

/** Agencies a fact names (lead, co-operating; the monitoring agency of a target). */
export function factAgencies(fact: Fact): AgencyRef[] {
  if (fact.kind === 'responsibility') return [...fact.lead, ...fact.partners];
  if (fact.kind === 'deadline') return [...(fact.lead ?? []), ...(fact.partners ?? [])];
  if (fact.kind === 'target') return fact.lead ?? [];
  return [];
}

const looseKey = (text: string) => foldSameLength(text).replace(/\s+/g, ' ').trim();

/** The known agency a filter names, when it names one (whole text, or one agency located in it). */
function agencyOf(query: string): Agency | undefined {
  const named = agencyNamed(query);
  if (named) return named;
  const located = locateAgencies(query);
  return located.length === 1 ? located[0]!.agency : undefined;
}

function agencyMatcher(query: string, includeMerged: boolean): (fact: Fact) => boolean {
  const agency = agencyOf(query);
  if (agency) {
    return (fact) =>
      factAgencies(fact).some((ref) => refDenotes(ref, agency, includeMerged)) ||
      (fact.kind === 'docref' && !!fact.issuer && agencyOf(fact.issuer) === agency);
  }
  const key = looseKey(query);
  return (fact) =>
    factAgencies(fact).some((ref) => looseKey(ref.written).includes(key) || looseKey(ref.name).includes(key)) ||
    (fact.kind === 'docref' && !!fact.issuer && looseKey(fact.issuer).includes(key));
}

function yearMatches(fact: Fact, year: number): boolean {
  if (fact.kind === 'target') return fact.year === year;
  if (fact.kind === 'deadline') return dueInYear(fact.normalized, year);
  if (fact.kind === 'responsibility') return dueInYear(fact.normalized, year);
  return !!fact.date && Number(fact.date.slice(0, 4)) === year;
}

function documentMatcher(value: string, documents?: ReadonlyMap<string, Pick<StoredDocument, 'id' | 'meta'>>): (fact: Fact) => boolean {
  const key = docKeyOfNumber(value);
  const wanted = looseKey(value);
  return (fact) => {
    if (fact.documentId === value) return true;
    const number = documents?.get(fact.documentId)?.meta.number;
    if (!number) return false;
    return looseKey(number) === wanted || (!!key && docKeyOfNumber(number) === key);
  };
}

/**
 * The facts matching a filter, in their stored order (document, then position).
 * @param documents the index's documents, to match `filter.document` by number ("03/NQ-CP", "NQ 03")
 */
export function findFacts(facts: readonly Fact[], filter: FactFilter, documents?: ReadonlyMap<string, Pick<StoredDocument, 'id' | 'meta'>>): Fact[] {
  const tests: Array<(fact: Fact) => boolean> = [];
  if (filter.kind) tests.push((f) => f.kind === filter.kind);
  if (filter.document) tests.push(documentMatcher(filter.document, documents));
  if (filter.year !== undefined) tests.push((f) => yearMatches(f, filter.year!));
  if (filter.agency?.trim()) tests.push(agencyMatcher(filter.agency, filter.includeMerged ?? false));
  const words = filter.q ? tokensOf(filter.q) : [];
  if (words.length) tests.push((f) => words.every((w) => factTokens(f).has(w)));
  return facts.filter((f) => tests.every((t) => t(f)));
}
