import {
  OrgChartPerson,
  OrgChartSearchResult,
  OrgChartView,
} from '@paycor-backstage/plugin-paycor-common';

const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana'];
const LAST = ['Okafor', 'Nguyen', 'Silva', 'Kowalski', 'Haddad', 'Berg'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Support', 'Finance'];

interface Node {
  person: Omit<OrgChartPerson, 'directReports' | 'teamSize'>;
  reports: Node[];
  teamSize: number;
}

/**
 * A generated org chart of `size` people for the dev harness and tests: one
 * head, then everyone reporting to someone `span` wide, breadth first, so
 * the 10k org is five levels deep. Person `i` is `e<i>`, named from fixed
 * lists (`Ada Okafor 12`). Served the way the backend serves it: one
 * person, their managers and a page of reports; search by name or title.
 */
export class MockOrgChart {
  private readonly nodes: Node[] = [];

  constructor(size: number, span = 8) {
    for (let i = 0; i < size; i++) {
      const managerIndex = i === 0 ? undefined : Math.floor((i - 1) / span);
      const name = `${FIRST[i % FIRST.length]} ${
        LAST[Math.floor(i / FIRST.length) % LAST.length]
      } ${i}`;
      const department = DEPARTMENTS[i % DEPARTMENTS.length];
      const node: Node = {
        person: {
          employeeId: `e${i}`,
          entityRef: `user:default/person-${i}`,
          displayName: name,
          title: i === 0 ? 'Chief Executive Officer' : `Engineer ${i % 5}`,
          department: {
            id: `d-${department.toLowerCase()}`,
            name: department,
            entityRef: `group:default/${department.toLowerCase()}`,
          },
          ...(managerIndex !== undefined
            ? { managerEmployeeId: `e${managerIndex}` }
            : {}),
        },
        reports: [],
        teamSize: 0,
      };
      this.nodes.push(node);
      if (managerIndex !== undefined) {
        this.nodes[managerIndex].reports.push(node);
      }
    }
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i];
      node.teamSize = node.reports.reduce((n, r) => n + 1 + r.teamSize, 0);
    }
  }

  private card(node: Node): OrgChartPerson {
    return {
      ...node.person,
      directReports: node.reports.length,
      teamSize: node.teamSize,
    };
  }

  private node(employeeId: string): Node {
    const node = this.nodes[Number(employeeId.slice(1))];
    if (!node || node.person.employeeId !== employeeId) {
      throw new Error(`No employee ${employeeId} in the org chart`);
    }
    return node;
  }

  private chain(node: Node): Node[] {
    const chain: Node[] = [];
    let id = node.person.managerEmployeeId;
    while (id) {
      const manager = this.node(id);
      chain.unshift(manager);
      id = manager.person.managerEmployeeId;
    }
    return chain;
  }

  view(options: {
    person?: string;
    limit?: number;
    offset?: number;
  }): OrgChartView {
    const { limit = 50, offset = 0 } = options;
    const node = options.person ? this.node(options.person) : undefined;
    const list = node ? node.reports : this.nodes.slice(0, 1);
    return {
      snapshotAt: '2024-06-15T12:00:00.000Z',
      peopleCount: this.nodes.length,
      ...(node ? { person: this.card(node) } : {}),
      chain: node ? this.chain(node).map(n => this.card(n)) : [],
      reports: {
        items: list.slice(offset, offset + limit).map(n => this.card(n)),
        totalCount: list.length,
        limit,
        offset,
      },
    };
  }

  search(q: string, limit = 20): OrgChartSearchResult {
    const needle = q.toLowerCase();
    const matches = this.nodes.filter(
      n =>
        n.person.displayName.toLowerCase().includes(needle) ||
        n.person.title?.toLowerCase().includes(needle),
    );
    return {
      items: matches.slice(0, limit).map(n => ({
        ...this.card(n),
        path: this.chain(n).map(m => m.person.employeeId),
      })),
      totalCount: matches.length,
    };
  }
}
