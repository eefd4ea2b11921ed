import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { AddNote } from '@ariadne/domain';
import { NestedRequired } from '../cases/commands/validation';

/** The note itself: personal data (P2), so it travels under `personal.notes` like every other. */
export class NoteTextDto {
  @ApiProperty({ minLength: 1, maxLength: 8000, description: 'The note; sealed with the case key' })
  @IsString()
  @Length(1, 8000)
  text!: string;
}

export class NotePersonalDto {
  @NestedRequired(() => NoteTextDto) notes!: NoteTextDto;
}

/** POST /cases/{caseId}/notes: `{ "personal": { "notes": { "text": "…" } } }`. */
export class AddNoteDto {
  @NestedRequired(() => NotePersonalDto, 'Category notes only') personal!: NotePersonalDto;
}

export function toAddNote(dto: AddNoteDto): AddNote {
  return { type: 'AddNote', personal: { notes: { text: dto.personal.notes.text } } };
}
