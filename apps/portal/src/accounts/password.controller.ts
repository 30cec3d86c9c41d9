import { Controller, Get, HttpStatus, Post, Query, Render, Req, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NoStoreInterceptor, PasswordResetService, SignInThrottleGuard, ThrottledAction } from '@leadgate/auth';
import { PasswordThrottledFilter } from './password-throttled.filter';
import { forgotEmailOf, forgotView, RESET_REQUESTED, resetFieldErrors, resetFormOf, resetView } from './password-view';

@ApiExcludeController()
@Controller('password')
// The reset page carries its link's secret: no cache may keep it.
@UseInterceptors(NoStoreInterceptor)
export class PasswordController {
  constructor(private readonly resets: PasswordResetService) {}

  @Get('forgot')
  @Render('password-forgot')
  forgotPage(@Req() req: Request) {
    return forgotView(req);
  }

  @Post('forgot')
  @ThrottledAction('password-reset')
  @UseGuards(SignInThrottleGuard)
  @UseFilters(PasswordThrottledFilter)
  async forgot(@Req() req: Request, @Res() res: Response): Promise<void> {
    const email = forgotEmailOf(req);
    if (email === '') return res.status(HttpStatus.BAD_REQUEST).render('password-forgot', forgotView(req, { fieldErrors: { email: 'Enter your email address.' } }));
    // Answered first, the work done after: the same answer, in the same time, whether or not the address has an account.
    res.status(HttpStatus.OK).render('password-forgot', forgotView(req, { email, notice: RESET_REQUESTED }));
    this.resets.requestResetInBackground(email);
  }

  @Get('reset')
  async resetPage(@Req() req: Request, @Res() res: Response, @Query('token') token?: string): Promise<void> {
    const secret = typeof token === 'string' ? token : '';
    // The secret is in this page's URL: links followed from it must not carry it in the Referer header.
    res.setHeader('Referrer-Policy', 'no-referrer');
    const link = await this.resets.inspect(secret);
    if ('problem' in link) return res.status(HttpStatus.GONE).render('password-reset', resetView(req, { token: '', problem: link.problem }));
    res.render('password-reset', resetView(req, { token: secret, purpose: link.purpose }));
  }

  @Post('reset')
  async reset(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = resetFormOf(req);
    const fieldErrors = resetFieldErrors(form);
    if (Object.keys(fieldErrors).length > 0) {
      const link = await this.resets.inspect(form.token);
      const state = 'problem' in link ? { token: '', problem: link.problem } : { token: form.token, purpose: link.purpose, fieldErrors };
      return res.status(HttpStatus.BAD_REQUEST).render('password-reset', resetView(req, state));
    }
    const outcome = await this.resets.complete(form.token, form.password, req.sessionID);
    if ('problem' in outcome) return res.status(HttpStatus.GONE).render('password-reset', resetView(req, { token: '', problem: outcome.problem }));
    res.redirect(HttpStatus.SEE_OTHER, '/login');
  }
}
