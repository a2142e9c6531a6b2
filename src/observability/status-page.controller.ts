import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../admin/auth/auth.decorators';
import { STATUS_PAGE_HTML } from './status-page/status-page.html';
import { STATUS_PAGE_JS } from './status-page/status-page.script';
import { STATUS_PAGE_CSS } from './status-page/status-page.styles';

/**
 * Only 'self' may load scripts, styles or data, and nothing may frame the page; the key the operator
 * pastes therefore only ever goes to this hub.
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The status page is static and public: it holds no data. Its script asks /api/status with a viewer key
 * the operator pastes (kept in sessionStorage), so no key ever travels in a URL or a log line.
 */
@ApiExcludeController()
@Public()
@Controller('status')
export class StatusPageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CSP)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return STATUS_PAGE_HTML;
  }

  @Get('app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return STATUS_PAGE_JS;
  }

  @Get('app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  styles(): string {
    return STATUS_PAGE_CSS;
  }
}
