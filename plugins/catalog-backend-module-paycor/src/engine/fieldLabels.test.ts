import { fieldLabels } from './fieldLabels';

describe('fieldLabels', () => {
  it('names the fields the sync writes as a reader would, each thing once', () => {
    expect(
      fieldLabels([
        'metadata.annotations.paycor.com/manager-ref',
        'metadata.annotations.paycor.com/reporting-line-end',
        'metadata.annotations.paycor.com/reporting-line-note',
        'metadata.annotations.paycor.com/manager-employee-id',
      ]),
    ).toEqual(['manager', 'reporting line']);
    expect(
      fieldLabels([
        'metadata.annotations.paycor.com/job-title',
        'metadata.description',
        'spec.memberOf',
        'spec.profile.displayName',
        'spec.profile.email',
      ]),
    ).toEqual(['job title', 'department', 'display name', 'email']);
  });

  it('keeps the key of mapped annotations and labels, and any other path as it is', () => {
    expect(
      fieldLabels([
        'metadata.annotations.example.com/cost-center',
        'metadata.labels.paycor.com/union',
        'spec.profile.picture',
      ]),
    ).toEqual([
      'annotation example.com/cost-center',
      'label paycor.com/union',
      'spec.profile.picture',
    ]);
  });
});
