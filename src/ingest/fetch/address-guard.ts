// The SSRF guard's decision lives in src/domain/address-guard.ts: it is pure, and the topics reader
// (a sibling layer of this one) asks it whether a webhook URL is written with an address the guard
// refuses, so the desk's warning and the refusal at delivery cannot disagree.
export {
  compileAllowList,
  decideAddress,
  hostAllowed,
  parseAddress,
  type AllowList,
  type GuardDecision,
} from '../../domain/address-guard.js';
