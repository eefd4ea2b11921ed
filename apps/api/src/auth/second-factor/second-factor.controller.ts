import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Logger,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Request, Response } from 'express';
import type { Actor } from '@ariadne/domain';
import type { UserEntity } from '@ariadne/persistence';
import { problem, type ProblemException } from '../../common/problem';
import { actorOf, AuthService } from '../auth.service';
import { TokenResponseDto } from '../auth.dto';
import { CurrentActor, Public } from '../decorators';
import { RequiresRecentAuthentication } from '../recent-authentication';
import { clientAddress, LoginLimits, tooMany } from '../login-throttling';
import { REFRESH_COOKIE, refreshCookieOptions } from '../session-cookies';
import { SessionService } from '../sessions.service';
import {
  ChallengeTokenDto,
  CredentialIdParamDto,
  EnrolledSignInDto,
  EnrolmentPasskeyDto,
  EnrolmentTotpConfirmDto,
  PasskeyCreatedDto,
  PasskeyOptionsDto,
  PasskeyRegistrationDto,
  RecoveryCodesDto,
  SecondFactorLoginDto,
  SecondFactorStatusDto,
  TotpCodeDto,
  TotpEnrolmentDto,
} from './second-factor.dto';
import {
  type Passkey,
  type SecondFactorMethod,
  SecondFactorService,
  type SignInChallengePurpose,
} from './second-factor.service';

const SECOND_FACTOR_ROUTE = 'POST /api/v1/auth/login/second-factor';

/** One answer for every unusable challenge token (unknown, expired, used, wrong step). */
function challengeInvalid(): ProblemException {
  return problem(HttpStatus.UNAUTHORIZED, 'sign-in-challenge-invalid', 'Sign in again', {
    detail: 'The sign-in step has expired or was already used; sign in with your password again.',
  });
}

function invalidSecondFactor(): ProblemException {
  return problem(HttpStatus.UNAUTHORIZED, 'invalid-second-factor', 'The code is not correct', {
    detail: 'The code or passkey did not prove your second factor.',
  });
}

const passkeyDto = (p: Passkey) => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
});

/**
 * The second step of a password sign-in (the second factor, or setting one up when she must),
 * and her own second-factor settings. ASVS 5.0 ch. 6; docs/adr/0011-second-factor.md.
 */
@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class SecondFactorController {
  private readonly logger = new Logger('SecondFactor');

  constructor(
    private readonly factors: SecondFactorService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly limits: LoginLimits,
  ) {}

  // --- The second step of sign-in (public: the challenge token is the credential) -----------

  @Public()
  @Post('login/second-factor')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Completes a sign-in with one of: totp, recoveryCode, webauthn',
    description:
      'Answers as POST /auth/login does when no second step is needed (tokens and the ' +
      '`ariadne_refresh` cookie). A wrong proof counts as a failed sign-in (lockout).',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: 'None or more than one proof given, or malformed' })
  @ApiUnauthorizedResponse({ description: 'Wrong proof, or the challenge token is not valid' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async secondFactor(
    @Body() dto: SecondFactorLoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponseDto> {
    const method = proofMethod(dto);
    const user = await this.challenged(dto.challengeToken, 'second-factor', req, res);
    const ok = await this.factors.verify(user.id, {
      totp: dto.totp,
      recoveryCode: dto.recoveryCode,
      webauthn: dto.webauthn as AuthenticationResponseJSON | undefined,
    });
    if (!ok) {
      await this.failed(user, method, SECOND_FACTOR_ROUTE);
      throw unauthorized(res, invalidSecondFactor());
    }
    return this.signIn(user, dto.challengeToken, method, SECOND_FACTOR_ROUTE, res);
  }

  @Public()
  @Post('login/second-factor/passkey-options')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A passkey challenge for the second step (her passkeys only)' })
  @ApiOkResponse({ type: PasskeyOptionsDto })
  @ApiUnauthorizedResponse({ description: 'The challenge token is not valid' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async passkeyOptions(
    @Body() dto: ChallengeTokenDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PasskeyOptionsDto> {
    const user = await this.challenged(dto.challengeToken, 'second-factor', req, res);
    const options = await this.factors.authenticationOptions(user.id);
    return { options: options as unknown as Record<string, unknown> };
  }

  @Public()
  @Post('login/enrolment/totp')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Forced enrolment: a TOTP secret to set up in her app' })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  @ApiUnauthorizedResponse({ description: 'The challenge token is not valid' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async enrolTotp(
    @Body() dto: ChallengeTokenDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TotpEnrolmentDto> {
    const user = await this.challenged(dto.challengeToken, 'enrolment', req, res);
    return this.factors.startTotp(user.id);
  }

  @Public()
  @Post('login/enrolment/totp/confirm')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Forced enrolment: confirms TOTP with a code and signs her in',
    description: 'Tokens and cookie as POST /auth/login, and her ten recovery codes (once).',
  })
  @ApiOkResponse({ type: EnrolledSignInDto })
  @ApiBadRequestResponse({ description: 'Wrong code, or no TOTP set-up started' })
  @ApiUnauthorizedResponse({ description: 'The challenge token is not valid' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async confirmEnrolmentTotp(
    @Body() dto: EnrolmentTotpConfirmDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrolledSignInDto> {
    const route = 'POST /api/v1/auth/login/enrolment/totp/confirm';
    const user = await this.challenged(dto.challengeToken, 'enrolment', req, res);
    const confirmed = await this.factors
      .confirmTotp(user.id, dto.code)
      .catch(async (e: unknown) => {
        await this.failed(user, 'totp', route);
        throw e;
      });
    const token = await this.signIn(user, dto.challengeToken, 'totp', route, res);
    return { ...token, recoveryCodes: confirmed.recoveryCodes };
  }

  @Public()
  @Post('login/enrolment/passkey-options')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Forced enrolment: options to create a passkey' })
  @ApiOkResponse({ type: PasskeyOptionsDto })
  @ApiUnauthorizedResponse({ description: 'The challenge token is not valid' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async enrolmentPasskeyOptions(
    @Body() dto: ChallengeTokenDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PasskeyOptionsDto> {
    const user = await this.challenged(dto.challengeToken, 'enrolment', req, res);
    const options = await this.factors.registrationOptions(user.id);
    return { options: options as unknown as Record<string, unknown> };
  }

  @Public()
  @Post('login/enrolment/passkey')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Forced enrolment: stores the new passkey and signs her in',
    description: 'Tokens and cookie as POST /auth/login, and her ten recovery codes (once).',
  })
  @ApiOkResponse({ type: EnrolledSignInDto })
  @ApiBadRequestResponse({ description: 'The passkey answer does not verify' })
  @ApiUnauthorizedResponse({ description: 'The challenge token is not valid' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async enrolPasskey(
    @Body() dto: EnrolmentPasskeyDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrolledSignInDto> {
    const route = 'POST /api/v1/auth/login/enrolment/passkey';
    const user = await this.challenged(dto.challengeToken, 'enrolment', req, res);
    const created = await this.factors
      .verifyRegistration(user.id, dto.name, dto.response as unknown as RegistrationResponseJSON)
      .catch(async (e: unknown) => {
        await this.failed(user, 'webauthn', route);
        throw e;
      });
    const token = await this.signIn(user, dto.challengeToken, 'webauthn', route, res);
    return { ...token, recoveryCodes: created.recoveryCodes };
  }

  // --- Her own settings (signed in) ------------------------------------------------------------

  @Get('second-factor')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Her second factors: TOTP on or off, recovery codes left, passkeys' })
  @ApiOkResponse({ type: SecondFactorStatusDto })
  async status(@CurrentActor() actor: Actor): Promise<SecondFactorStatusDto> {
    const s = await this.factors.status(actor.userId);
    return { ...s, passkeys: s.passkeys.map(passkeyDto) };
  }

  @Post('second-factor/totp')
  // Changing how she signs in asks for a recent sign-in (ASVS 7.5.1).
  @RequiresRecentAuthentication()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Starts setting up TOTP: a secret to confirm with a code' })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  @ApiConflictResponse({ description: 'TOTP is already set up' })
  @ApiNotFoundResponse({ description: 'A provider account without a local record' })
  startTotp(@CurrentActor() actor: Actor): Promise<TotpEnrolmentDto> {
    return this.factors.startTotp(actor.userId);
  }

  @Post('second-factor/totp/confirm')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Confirms TOTP with a code; her recovery codes when she had none' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ description: 'Wrong code, or no TOTP set-up started' })
  confirmTotp(@CurrentActor() actor: Actor, @Body() dto: TotpCodeDto): Promise<RecoveryCodesDto> {
    return this.factors.confirmTotp(actor.userId, dto.code);
  }

  @Delete('second-factor/totp')
  // Changing how she signs in asks for a recent sign-in (ASVS 7.5.1).
  @RequiresRecentAuthentication()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Turns TOTP off' })
  @ApiNoContentResponse({ description: 'Turned off (also when it was not on)' })
  @ApiConflictResponse({
    description: 'Her role or organisation requires it and no passkey is left',
  })
  @ApiNotFoundResponse({ description: 'A provider account without a local record' })
  disableTotp(@CurrentActor() actor: Actor): Promise<void> {
    return this.factors.disableTotp(actor.userId);
  }

  @Post('second-factor/recovery-codes')
  // Changing how she signs in asks for a recent sign-in (ASVS 7.5.1).
  @RequiresRecentAuthentication()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Ten new recovery codes (shown once); the old ones stop working' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiConflictResponse({ description: 'No second factor is set up' })
  async regenerateRecoveryCodes(@CurrentActor() actor: Actor): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.factors.regenerateRecoveryCodes(actor.userId) };
  }

  @Post('second-factor/passkeys/options')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Options to create a passkey (WebAuthn registration)' })
  @ApiOkResponse({ type: PasskeyOptionsDto })
  @ApiConflictResponse({ description: 'She has the most passkeys allowed' })
  @ApiNotFoundResponse({ description: 'A provider account without a local record' })
  async registrationOptions(@CurrentActor() actor: Actor): Promise<PasskeyOptionsDto> {
    const options = await this.factors.registrationOptions(actor.userId);
    return { options: options as unknown as Record<string, unknown> };
  }

  @Post('second-factor/passkeys')
  // Changing how she signs in asks for a recent sign-in (ASVS 7.5.1).
  @RequiresRecentAuthentication()
  @HttpCode(HttpStatus.CREATED)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Stores a new passkey; her recovery codes when she had none' })
  @ApiCreatedResponse({ type: PasskeyCreatedDto })
  @ApiBadRequestResponse({ description: 'The passkey answer does not verify' })
  async addPasskey(
    @CurrentActor() actor: Actor,
    @Body() dto: PasskeyRegistrationDto,
  ): Promise<PasskeyCreatedDto> {
    const created = await this.factors.verifyRegistration(
      actor.userId,
      dto.name,
      dto.response as unknown as RegistrationResponseJSON,
    );
    return { passkey: passkeyDto(created.passkey), recoveryCodes: created.recoveryCodes };
  }

  @Delete('second-factor/passkeys/:credentialId')
  // Changing how she signs in asks for a recent sign-in (ASVS 7.5.1).
  @RequiresRecentAuthentication()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Removes one of her passkeys' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'None of her passkeys has this id' })
  @ApiConflictResponse({ description: 'Her last second factor, and one is required' })
  removePasskey(@CurrentActor() actor: Actor, @Param() p: CredentialIdParamDto): Promise<void> {
    return this.factors.removePasskey(actor.userId, p.credentialId);
  }

  // --- Internals -------------------------------------------------------------------------------

  /**
   * The account of a live challenge token, after the login limits: every attempt counts per
   * address (and per login once the token names one); 429 when a window is full or she is
   * locked out.
   */
  private async challenged(
    token: string,
    purpose: SignInChallengePurpose,
    req: Request,
    res: Response,
  ): Promise<UserEntity> {
    const user = await this.factors.challengeUser(token, purpose);
    const refusal = await this.limits.attempt(user?.login ?? null, clientAddress(req));
    if (refusal) {
      this.logger.log(`second step refused: ${refusal.kind}`);
      throw tooMany(res, refusal.retryAfter);
    }
    if (!user) throw unauthorized(res, challengeInvalid());
    return user;
  }

  private async failed(user: UserEntity, method: SecondFactorMethod, route: string): Promise<void> {
    const locked = await this.limits.failed(user.login);
    await this.factors.audit(
      user.id,
      'auth.sign-in',
      method,
      'denied',
      'invalid-second-factor',
      route,
    );
    if (locked)
      await this.factors.audit(user.id, 'auth.lockout', method, 'denied', 'locked-out', route);
  }

  /** Spends the challenge and signs her in exactly as POST /auth/login does. */
  private async signIn(
    user: UserEntity,
    challengeToken: string,
    method: SecondFactorMethod,
    route: string,
    res: Response,
  ): Promise<TokenResponseDto> {
    if (!(await this.factors.spendChallenge(challengeToken))) {
      throw unauthorized(res, challengeInvalid());
    }
    await this.limits.succeeded(user.login);
    await this.factors.audit(user.id, 'auth.sign-in', method, 'allowed', null, route);
    const session = await this.sessions.start(user.id);
    res.cookie(REFRESH_COOKIE, session.token, refreshCookieOptions(session.expiresAt));
    return this.auth.issue(actorOf(user), session);
  }
}

/** A 401 says how to authenticate (RFC 9110 §11.6.1): as every other 401 of the API. */
function unauthorized(res: Response, e: ProblemException): ProblemException {
  res.setHeader('WWW-Authenticate', 'Bearer realm="ariadne"');
  return e;
}

/** Exactly one proof; 400 naming the fields otherwise. */
function proofMethod(dto: SecondFactorLoginDto): SecondFactorMethod {
  const given: SecondFactorMethod[] = [];
  if (dto.totp !== undefined) given.push('totp');
  if (dto.recoveryCode !== undefined) given.push('recovery-code');
  if (dto.webauthn !== undefined) given.push('webauthn');
  if (given.length !== 1) {
    throw problem(HttpStatus.BAD_REQUEST, 'validation-failed', 'Give exactly one proof', {
      errors: [{ field: 'totp', message: 'give exactly one of totp, recoveryCode, webauthn' }],
    });
  }
  return given[0]!;
}
