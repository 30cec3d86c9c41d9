// hbs ships without type declarations; only what the portal uses is declared.
declare module 'hbs' {
  const hbs: {
    registerPartial(name: string, template: string): void;
    registerHelper(name: string, helper: (...args: never[]) => unknown): void;
  };
  export default hbs;
}
