import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganisationType } from './identity.constants';

/** An organisation of one country. Its name is an organisation's, not personal data. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'text' })
  type!: OrganisationType;

  @Column({ type: 'text' })
  name!: string;

  /** Every account of the organisation must sign in with a second factor. */
  @Column({ type: 'boolean', name: 'require_second_factor', default: false })
  requireSecondFactor!: boolean;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
