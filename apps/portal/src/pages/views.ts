import { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// apps/portal/views next to the sources; dist/apps/portal/views in the build (nest-cli.json copies it there).
const VIEW_DIR_CANDIDATES = [join(__dirname, '..', '..', 'views'), join(__dirname, '..', '..', '..', '..', 'views')];

export function viewsDirectory(): string {
  const found = VIEW_DIR_CANDIDATES.find((dir) => existsSync(join(dir, 'layout.hbs')));
  if (!found) throw new Error(`Portal views not found (looked in ${VIEW_DIR_CANDIDATES.join(', ')})`);
  return found;
}

/** Handlebars pages (views/layout.hbs wraps every page) and the stylesheet under /assets. */
export function configureViews(app: NestExpressApplication): void {
  const views = viewsDirectory();
  const partials = join(views, 'partials');
  // Registered synchronously: hbs.registerPartials reads files later, racing the first request.
  for (const file of readdirSync(partials).filter((name) => name.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(partials, file), 'utf8'));
  }
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  app.setBaseViewsDir(views);
  app.setViewEngine('hbs');
  app.useStaticAssets(join(views, 'assets'), { prefix: '/assets/', index: false, maxAge: '1h' });
}
