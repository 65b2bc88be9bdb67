/**
 * Codes of the administrators' screens (region affairs, case moves, 近亲属备案): part of the one dictionary,
 * checked with the rest by test/web/labels.test.ts.
 */
export const ADMIN_LABELS = {
  moveOutcome: { moved: '已迁移到现行版本', unchanged: '已适用现行版本', refused: '未迁移' },
  jobKind: { standard_change: '低保标准调整', campaign: '专项治理复核' },
  jobStatus: { proposed: '待第二位管理员批准', rejected: '已驳回', running: '进行中', finished: '已完成' },
  staffKind: { civil_affairs: '民政工作人员', village_cadre: '村(居)干部', caseworker: '经办人员' },
  kinRelation: {
    self: '本人',
    spouse: '配偶',
    parent: '父母',
    child: '子女',
    sibling: '兄弟姐妹',
    grandparent: '祖父母、外祖父母',
    grandchild: '孙子女、外孙子女',
    in_law: '姻亲',
    other: '其他近亲属',
  },
} as const;
