/**
 * The name of the patch under review's variant, apart from the variants themselves so that what only needs the
 * name (the main thread printing a replay, the default base of a patch) does not load the model.
 */
export const SEED_VARIANT_NAME = 'v4';
