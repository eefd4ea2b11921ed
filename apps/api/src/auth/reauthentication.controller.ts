import { Body, Controller, Header, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { ProblemException } from '../common/problem';
import { TokenResponseDto } from './auth.dto';
import { type AuthenticatedRequest, CurrentActor } from './decorators';
import { clientAddress, tooMany } from './login-throttling';
import { ReauthenticateDto } from './reauthentication.dto';
import { ReauthenticationService } from './reauthentication.service';
import { PasskeyOptionsDto } from './second-factor/second-factor.dto';
import { cookieOf, REFRESH_COOKIE } from './session-cookies';

const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class ReauthenticationController {
  constructor(private readonly reauthentication: ReauthenticationService) {}

  /**
   * She confirms it is her before a sensitive action (ASVS 7.5.3): a new access token whose
   * `auth_time` is now, in the same session. Answers to a 401 `reauthentication-required`.
   */
  @Post('reauthenticate')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TokenResponseDto, description: 'A new access token (fresh auth_time)' })
  @ApiBadRequestResponse({ description: 'password missing, or a malformed second factor' })
  @ApiUnauthorizedResponse({
    description:
      'No valid access token; `invalid-credentials` (wrong password or second factor, counted ' +
      'toward the login limits); `second-factor-required` (the password is right, send the ' +
      'second factor too; `methods` lists hers); `session-ended`',
  })
  @ApiForbiddenResponse({
    description:
      '`reauthentication-by-sign-in`: an account of the identity provider signs in again instead',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async reauthenticate(
    @CurrentActor() actor: Actor,
    @Body() dto: ReauthenticateDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponseDto> {
    const requestId = String((req as { id?: unknown }).id ?? '');
    const outcome = await this.reauthentication
      .reauthenticate(actor, dto, {
        sessionId: req.sessionId ?? null,
        refreshCookie: cookieOf(req, REFRESH_COOKIE),
        address: clientAddress(req),
        requestId: REQUEST_ID.test(requestId) ? requestId : null,
      })
      .catch((e: unknown) => {
        // Every 401 of the API says how to authenticate (RFC 9110 §11.6.1).
        if (e instanceof ProblemException && e.problem.status === 401) {
          res.setHeader('WWW-Authenticate', 'Bearer realm="ariadne"');
        }
        throw e;
      });
    if (outcome.kind === 'limited') throw tooMany(res, outcome.refusal.retryAfter);
    return outcome.token;
  }

  /** A passkey challenge for "Confirm it is you", when her second factor is a passkey. */
  @Post('reauthenticate/passkey-options')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A passkey challenge to re-authenticate with (her passkeys only)',
    description:
      'Answer it with POST /auth/reauthenticate `{ password, webauthn }` (the assertion); the ' +
      'challenge lives 5 minutes and is used once.',
  })
  @ApiOkResponse({ type: PasskeyOptionsDto })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  @ApiForbiddenResponse({
    description:
      '`reauthentication-by-sign-in`: an account of the identity provider signs in again instead',
  })
  @ApiConflictResponse({ description: '`no-passkey`: she has no passkey' })
  async passkeyOptions(@CurrentActor() actor: Actor): Promise<PasskeyOptionsDto> {
    return { options: await this.reauthentication.passkeyOptions(actor) };
  }
}
