import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { problem, ProblemException } from '../common/problem';
import { AuthService } from './auth.service';
import { AuthConfigDto, LoginDto, MeDto, TokenResponseDto, UpdateMeDto } from './auth.dto';
import { CurrentActor, Public } from './decorators';
import { LoginLimitInterceptor } from './login-throttling';
import { SecondStepDto } from './second-factor/second-factor.dto';
import {
  cookieOf,
  isPreflightedRequest,
  OIDC_COOKIE,
  oidcCookieOptions,
  REFRESH_COOKIE,
  refreshCookieOptions,
} from './session-cookies';
import { SessionService, type SessionToken } from './sessions.service';

const REALM = 'Bearer realm="ariadne"';
const refs = (model: new () => unknown): { $ref: string } => ({ $ref: getSchemaPath(model) });
/** Where the web application takes over after a sign-in by redirect (no data in the URL). */
const AFTER_SIGN_IN = '/';
const SIGN_IN_FAILED = '/?signin=failed';

const csrfResponse = ApiForbiddenResponse({
  description: 'Neither `X-Requested-With: ariadne` nor a JSON Content-Type (CSRF check)',
});
const csrfHeader = ApiHeader({
  name: 'X-Requested-With',
  required: false,
  enum: ['ariadne'],
  description:
    'Send `ariadne` (or a JSON Content-Type): proof that the request is no cross-site form',
});

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  /** What the sign-in page needs to know: the idle time and the ways to sign in. */
  @Public()
  @Get('config')
  @ApiOkResponse({ type: AuthConfigDto })
  config(): AuthConfigDto {
    return this.auth.config();
  }

  /**
   * A local account's login and password for a short-lived access token, and a session: the
   * refresh token in an httpOnly cookie for POST /auth/refresh.
   */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(LoginLimitInterceptor)
  // RFC 6749 §5.1: responses carrying tokens must not be cached anywhere.
  @Header('Cache-Control', 'no-store')
  @ApiExtraModels(TokenResponseDto, SecondStepDto)
  @ApiOkResponse({
    description:
      'Signed in (tokens; also sets the `ariadne_refresh` cookie), or a second step first ' +
      '(a challenge token, no tokens and no cookie): the second factor, or setting one up',
    schema: { oneOf: [refs(TokenResponseDto), refs(SecondStepDto)] },
  })
  @ApiBadRequestResponse({ description: 'login or password missing or malformed' })
  @ApiUnauthorizedResponse({ description: 'Invalid credentials (the same for every cause)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async login(
    @Body() dto: LoginDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponseDto | SecondStepDto> {
    const outcome = await this.auth.login(dto.login, dto.password);
    if ('secondStep' in outcome) return outcome.secondStep;
    const { token, actor } = outcome;
    setSession(res, await this.sessions.start(actor.userId));
    return token;
  }

  /** Spends the session cookie for a new one and a new access token (rotation). */
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @csrfHeader
  @csrfResponse
  @ApiOkResponse({
    type: TokenResponseDto,
    description: 'Also sets a new `ariadne_refresh` cookie',
  })
  @ApiUnauthorizedResponse({
    description: 'No session, or it ended (expired, idle, revoked, reused, account deactivated)',
  })
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponseDto> {
    requirePreflighted(req);
    try {
      const session = await this.sessions.refresh(cookieOf(req, REFRESH_COOKIE));
      setSession(res, session);
      return await this.auth.issue(session.actor, session);
    } catch (e) {
      // The session is over: the browser may forget the cookie. Not so on an outage.
      if (e instanceof ProblemException && e.problem.status === 401) {
        res.clearCookie(REFRESH_COOKIE, refreshCookieOptions());
        res.setHeader('WWW-Authenticate', REALM);
      }
      throw e;
    }
  }

  /** Ends the session of the cookie (every token of it) and clears the cookie. */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Header('Cache-Control', 'no-store')
  @csrfHeader
  @csrfResponse
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    requirePreflighted(req);
    await this.sessions.end(cookieOf(req, REFRESH_COOKIE));
    res.clearCookie(REFRESH_COOKIE, refreshCookieOptions());
  }

  /** Who the token stands for: ids, and her name, language and organisation for her own use. */
  @Get('me')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }

  /** Changes her own language. */
  @Patch('me')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  @ApiBadRequestResponse({ description: '`locale` missing or not one of the languages' })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  @ApiNotFoundResponse({ description: 'A provider account without a local record' })
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return this.auth.setLocale(actor, dto.locale);
  }

  /** Sign-in by redirect: sends the browser to the identity provider. */
  @Public()
  @Get('oidc/start')
  @Header('Cache-Control', 'no-store')
  @ApiFoundResponse({ description: 'Redirect to the identity provider' })
  @ApiNotFoundResponse({ description: 'Sign-in by redirect is not configured' })
  @ApiServiceUnavailableResponse({ description: 'The identity provider cannot be reached' })
  async oidcStart(@Res() res: Response): Promise<void> {
    const { url, transaction } = await this.auth.startOidcLogin();
    res.cookie(OIDC_COOKIE, transaction, oidcCookieOptions());
    res.redirect(HttpStatus.FOUND, url.href);
  }

  /**
   * The provider sends her back here: with a session cookie to `/` when she is signed in, to
   * `/?signin=failed` otherwise (the web application says so; no reason is given in the URL).
   */
  @Public()
  @Get('oidc/callback')
  @Header('Cache-Control', 'no-store')
  @ApiFoundResponse({ description: 'Redirect to `/` (signed in) or `/?signin=failed`' })
  @ApiNotFoundResponse({ description: 'Sign-in by redirect is not configured' })
  async oidcCallback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?'))
      : '';
    const actor = await this.auth.finishOidcLogin(query, cookieOf(req, OIDC_COOKIE));
    res.clearCookie(OIDC_COOKIE, oidcCookieOptions(false));
    if (!actor) return res.redirect(HttpStatus.FOUND, SIGN_IN_FAILED);
    setSession(res, await this.sessions.start(actor.userId));
    res.redirect(HttpStatus.FOUND, AFTER_SIGN_IN);
  }
}

function setSession(res: Response, session: SessionToken): void {
  res.cookie(REFRESH_COOKIE, session.token, refreshCookieOptions(session.expiresAt));
}

function requirePreflighted(req: Request): void {
  if (!isPreflightedRequest(req)) {
    throw problem(HttpStatus.FORBIDDEN, 'csrf-check-failed', 'Cross-site request refused', {
      detail: 'Send the header X-Requested-With: ariadne (or a JSON Content-Type).',
    });
  }
}
