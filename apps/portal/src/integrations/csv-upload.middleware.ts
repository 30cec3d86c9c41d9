import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';

/** The largest CSV the import page takes; bigger files go through `npm run leads:import`. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Why an upload could not be read, for the page to say; the route still runs. */
export interface UploadedCsv {
  file?: { originalname: string; buffer: Buffer };
  uploadProblem?: string;
}

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } }).single('file');

/**
 * Reads a multipart upload before the guards run, so the form's CSRF field is checked like any other form's
 * (an interceptor would read the body only after the check). Its failures become a problem the page shows.
 */
@Injectable()
export class CsvUploadMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (!req.is('multipart/form-data')) return next();
    upload(req, res, (error: unknown) => {
      if (error) {
        const tooBig = (error as { code?: string }).code === 'LIMIT_FILE_SIZE';
        (req as Request & UploadedCsv).uploadProblem = tooBig ? `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it, or use npm run leads:import.` : `The upload could not be read: ${(error as Error).message}`;
        req.body = req.body ?? {};
      }
      next();
    });
  }
}
