import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { partnerActor } from '@ariadne/domain';
import type { AuthenticatedRequest } from '../auth';
import { problem } from '../common/problem';
import { type Partner, PartnersService } from './partners.service';

export type PartnerRequest = AuthenticatedRequest & { partner?: Partner };

/**
 * R30: the integration routes' own door. The staff guard lets them through (@Public()); here a
 * partner's bearer secret must name a registered, unrevoked partner, or 401 (whether the id or
 * the secret was wrong is not said). The request then acts as the partner's actor.
 */
@Injectable()
export class PartnerGuard implements CanActivate {
  constructor(private readonly partners: PartnersService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PartnerRequest>();
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
    const partner = token ? await this.partners.authenticate(token) : null;
    if (!partner) {
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('WWW-Authenticate', 'Bearer realm="ariadne-integration", error="invalid_token"');
      throw problem(HttpStatus.UNAUTHORIZED, 'invalid-partner', 'Unknown partner or wrong secret', {
        detail: 'Send the partner secret: Authorization: Bearer ptn.<partner id>.<secret>.',
      });
    }
    req.partner = partner;
    req.actor = partnerActor(partner.id, partner.organisationId ?? partner.id);
    return true;
  }
}
