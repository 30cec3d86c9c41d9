// multer (installed with @nestjs/platform-express) ships without type declarations; only what the import page uses.
declare module 'multer' {
  import type { RequestHandler } from 'express';
  interface Multer {
    single(field: string): RequestHandler;
  }
  interface Options {
    storage: unknown;
    limits?: { fileSize?: number; files?: number; fields?: number };
  }
  function multer(options: Options): Multer;
  namespace multer {
    function memoryStorage(): unknown;
  }
  export default multer;
}
