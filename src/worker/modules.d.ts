// Non-JS modules the Worker bundles (rules in wrangler.toml): binaries as Data, front-end files as Text.
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}
declare module "*.html" {
  const text: string;
  export default text;
}
declare module "*.css" {
  const text: string;
  export default text;
}
declare module "*/web/widget.js" {
  const text: string;
  export default text;
}
declare module "*/web/demo.js" {
  const text: string;
  export default text;
}
