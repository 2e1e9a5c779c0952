/**
 * What answering reads once per engine (places, abbreviations, facts, the speller, the corpus's words and ordinals
 * and the places each document covers), read when an index version is loaded rather than on the first question
 * that needs it: no user waits for it, and a version is swapped in ready.
 */
import type { SearchEngine } from '../retrieve/engine.js';
import { prepareConstraints } from './constraints.js';

export function prepareEngine(engine: SearchEngine): void {
  void engine.places;
  void engine.abbreviations;
  void engine.facts;
  engine.respell('');
  prepareConstraints(engine);
}
