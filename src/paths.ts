/**
 * The package's root folder, found relative to this module, which sits at the
 * top of src/ (and of dist/, and beside the bundles' chunks in dist/): so every
 * module finds package.json and templates/ the same way, whatever folder it is in.
 */
export const PACKAGE_ROOT = new URL('../', import.meta.url);
