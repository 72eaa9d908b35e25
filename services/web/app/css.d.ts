/** Stylesheets are imported for their side effect; Bun's bundler emits them as hashed CSS files. */
declare module "*.css";
