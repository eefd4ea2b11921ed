import { Body } from '@nestjs/common';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import { CommandController, CommandRoute, type CommandTarget, Target } from './command-route';
import {
  CloseCaseDto,
  EraseOnRequestDto,
  ReassignCaseDto,
  RecordLegalStepDto,
  ReopenCaseDto,
} from './management.dto';
import { withPersonal } from './personal.dto';
import { AddNoteDto, toAddNote } from '../../notes/notes.dto';
import { toCommunication } from './validation';
import { RequiresRecentAuthentication } from '../../auth';

/** Case management: the legal track beside the journey (R3), reassignment (R22), closure (R23),
 * erasure on her request (P7). */
@CommandController('case-management')
export class ManagementController {
  constructor(private readonly cases: CaseCommandsService) {}

  @CommandRoute('RecordLegalStep')
  legalStep(@Target() t: CommandTarget, @Body() dto: RecordLegalStepDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordLegalStep',
      step: dto.step,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('AddNote')
  addNote(@Target() t: CommandTarget, @Body() dto: AddNoteDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, toAddNote(dto));
  }

  @CommandRoute('ReassignCase')
  reassign(@Target() t: CommandTarget, @Body() dto: ReassignCaseDto): Promise<CaseSummaryDto> {
    return this.cases.reassign(t, {
      type: 'ReassignCase',
      assigneeId: dto.assigneeId,
      reason: dto.reason,
    });
  }

  @CommandRoute('CloseCase')
  close(@Target() t: CommandTarget, @Body() dto: CloseCaseDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'CloseCase', reason: dto.reason });
  }

  @CommandRoute('ReopenCase')
  reopen(@Target() t: CommandTarget, @Body() dto: ReopenCaseDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'ReopenCase', reason: dto.reason });
  }

  @CommandRoute('EraseOnRequest')
  @RequiresRecentAuthentication()
  erase(@Target() t: CommandTarget, @Body() dto: EraseOnRequestDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'EraseOnRequest',
      communication: toCommunication(dto.communication),
    });
  }
}
