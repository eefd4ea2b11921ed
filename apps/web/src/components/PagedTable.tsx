import { Button, Center, Table, Text, type MantineSpacing, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { QueryState } from './QueryState';

/** The parts of a TanStack infinite query that the "Load more" button uses. */
export interface MorePages {
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly fetchNextPage: () => unknown;
}

/** A TanStack infinite query over pages of `items`, as the list screens use it. */
export interface PagedQuery<Page> extends MorePages {
  readonly data: { readonly pages: readonly Page[] } | undefined;
  readonly error: unknown;
  readonly isPending: boolean;
}

/** "Load more" (`common.loadMore`) below a list, while the API says there is a next page. */
export function LoadMore({
  query,
  mt,
}: {
  readonly query: MorePages;
  readonly mt?: MantineSpacing;
}) {
  if (!query.hasNextPage) return null;
  return (
    <Center mt={mt}>
      <Button
        variant="default"
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
      >
        <FormattedMessage id="common.loadMore" />
      </Button>
    </Center>
  );
}

/** One header row of column headers (`scope="col"`), each a message id. */
export function ColumnHeads({ ids }: { readonly ids: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {ids.map((id) => (
          <Table.Th scope="col" key={id}>
            <FormattedMessage id={id} />
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * A list screen's table over an infinite query, alike everywhere: the query's states, the pages
 * flattened, a message when there is nothing, a captioned table, then "Load more".
 */
export function PagedTable<Page extends { readonly items: readonly unknown[] }>({
  query,
  unavailableId,
  emptyId,
  caption,
  columns,
  row,
  tableProps,
  scrollMinWidth,
  loadMoreMt,
}: {
  readonly query: PagedQuery<Page>;
  /** See QueryState: a 404 means the API has no such list. */
  readonly unavailableId?: string;
  readonly emptyId: string;
  /** The caption's content, given the rows shown so far and the first page (for its totals). */
  readonly caption: (rows: readonly Page['items'][number][], first: Page | undefined) => ReactNode;
  /** Message ids of the column headers. */
  readonly columns: readonly string[];
  /** One `Table.Tr` (with its key) per item. */
  readonly row: (item: Page['items'][number]) => ReactNode;
  readonly tableProps?: TableProps;
  /** Wrap the table in a horizontal scroll container this wide at least. */
  readonly scrollMinWidth?: number;
  readonly loadMoreMt?: MantineSpacing;
}) {
  return (
    <QueryState query={query} unavailableId={unavailableId}>
      {(data) => {
        const rows = data.pages.flatMap((p) => p.items);
        if (rows.length === 0) {
          return (
            <Text>
              <FormattedMessage id={emptyId} />
            </Text>
          );
        }
        const table = (
          <Table striped {...tableProps}>
            <Table.Caption>{caption(rows, data.pages[0])}</Table.Caption>
            <ColumnHeads ids={columns} />
            <Table.Tbody>{rows.map(row)}</Table.Tbody>
          </Table>
        );
        return (
          <>
            {scrollMinWidth === undefined ? (
              table
            ) : (
              <Table.ScrollContainer minWidth={scrollMinWidth}>{table}</Table.ScrollContainer>
            )}
            <LoadMore query={query} mt={loadMoreMt} />
          </>
        );
      }}
    </QueryState>
  );
}
