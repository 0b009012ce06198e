// The shape of the learned block stage's model (learned-blocks.ts reads it; block-model.ts, written
// by scripts/train-block-model.mjs, holds the trained one). Apart from both so that neither imports
// the other.
/** A trained model over blockFeatures' vector, and where to cut. */
export interface BlockModel {
  /** Buckets the ancestors' class/id words are hashed into. */
  buckets: number;
  /** Buckets the words of short blocks are hashed into (after the class/id ones); 0 for none. */
  words?: number;
  /** Logistic regression: one weight per feature (DENSE_FEATURES, then the buckets); the first is the bias. */
  weights?: readonly number[];
  /** Or boosted stumps: the log-odds start, then [feature, threshold, below, at or above] per stump. */
  bias?: number;
  stumps?: readonly (readonly [number, number, number, number])[];
  /** Or boosted trees of depth 2: [feature, threshold, then for the rows below it feature, threshold, below, at or above, then the same for the rows at or above]. */
  trees?: readonly (readonly number[])[];
  /** Edge blocks with a chance of being the story's under this go. */
  edge: number;
}
