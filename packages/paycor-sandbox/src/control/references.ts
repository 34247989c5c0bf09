import type { OrgStore } from '../org/OrgStore';
import { departmentUrl, employeeUrl, personUrl } from '../org/urls';
import type { Employee } from '../paycor/types';
import type { EmployeeUpdate } from './types';

/**
 * After a patch, derived parts of the references follow the ids the caller changed:
 * a new `department.id` gets its URL, a new manager id its employee number and link, a
 * new `person.id` its URL — unless the patch set those parts explicitly too.
 */
export function withConsistentReferences(
  store: OrgStore,
  employee: Employee,
  patch: EmployeeUpdate,
): Employee {
  let result = employee;
  const department = patch.department;
  if (department?.id && department.url === undefined) {
    result = {
      ...result,
      department: {
        id: department.id,
        url: departmentUrl(store.legalEntityId, department.id),
      },
    };
  }
  const person = patch.person;
  if (person?.id && person.url === undefined) {
    result = {
      ...result,
      person: { id: person.id, url: personUrl(result.id) },
    };
  }
  const manager = patch.positionData?.manager;
  if (manager?.id && result.positionData?.manager) {
    const managerRecord = store.employees.get(manager.id);
    result = {
      ...result,
      positionData: {
        ...result.positionData,
        manager: {
          id: manager.id,
          employeeNumber:
            manager.employeeNumber !== undefined
              ? manager.employeeNumber
              : managerRecord?.employeeNumber ?? null,
          employee:
            manager.employee !== undefined
              ? result.positionData.manager.employee
              : { id: manager.id, url: employeeUrl(manager.id) },
        },
      },
    };
  }
  return result;
}
