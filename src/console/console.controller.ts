import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../admin/auth/auth.decorators';
import { DomainError, NotFoundError } from '../common/domain-error';
import { type ConsoleFile, defaultConsoleDir, loadConsoleFiles } from './console-files';

/**
 * As strict as the status page's: only this origin may provide scripts, styles, images and data, nothing may frame
 * the console, and no form may post elsewhere, so the API key a steward pastes only ever goes to this hub.
 */
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
  + "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the steward console: hashed assets with a long cache, and index.html for every other path under /console
 * (the console's own routes, so a reload or a shared link opens the right page). The files hold no data; the
 * console reads everything from /graphql with the key the steward pastes, so they are public.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  private files: Map<string, ConsoleFile> | null = null;

  @Get('assets/:file')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  asset(@Param('file') file: string): StreamableFile {
    const found = this.load().get(`assets/${file}`);
    if (!found) throw new NotFoundError('CONSOLE_ASSET_NOT_FOUND', `no console asset ${file}`);
    return new StreamableFile(found.body, { type: found.type, length: found.body.length });
  }

  // Fastify's wildcard: every path under /console that is not an asset.
  @Get(['', '*'])
  @Header('Content-Security-Policy', CONSOLE_CSP)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-cache')
  page(): StreamableFile {
    const index = this.load().get('index.html')!;
    return new StreamableFile(index.body, { type: index.type, length: index.body.length });
  }

  /** Loaded on first use, and again while missing: a console built after the hub started is picked up. */
  private load(): Map<string, ConsoleFile> {
    this.files ??= loadConsoleFiles(defaultConsoleDir());
    if (!this.files) {
      throw new DomainError('CONSOLE_NOT_BUILT', 'the console is not built: run `npm run build` (it writes dist/console)', 'unavailable');
    }
    return this.files;
  }
}
