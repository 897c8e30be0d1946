// PostgreSQL 15 enums that libpg_query prints as strings (ObjectType, AlterTableType,
// ConstrType), as C++ enums so a rule cannot misspell them. Each list is the full PG15 list
// (checked against the strings in libpg_query 15-4.0.0); anything else reads as Unknown.
#pragma once

#include <string_view>

namespace miglint::sql {

// X(Enumerator, "PG_NAME")
#define MIGLINT_PG_OBJECT_TYPES(X)                                                          \
  X(AccessMethod, "OBJECT_ACCESS_METHOD") X(Aggregate, "OBJECT_AGGREGATE")                  \
  X(Amop, "OBJECT_AMOP") X(Amproc, "OBJECT_AMPROC") X(Attribute, "OBJECT_ATTRIBUTE")        \
  X(Cast, "OBJECT_CAST") X(Column, "OBJECT_COLUMN") X(Collation, "OBJECT_COLLATION")        \
  X(Conversion, "OBJECT_CONVERSION") X(Database, "OBJECT_DATABASE")                         \
  X(Default, "OBJECT_DEFAULT") X(Defacl, "OBJECT_DEFACL") X(Domain, "OBJECT_DOMAIN")        \
  X(DomainConstraint, "OBJECT_DOMCONSTRAINT") X(EventTrigger, "OBJECT_EVENT_TRIGGER")       \
  X(Extension, "OBJECT_EXTENSION") X(Fdw, "OBJECT_FDW")                                     \
  X(ForeignServer, "OBJECT_FOREIGN_SERVER") X(ForeignTable, "OBJECT_FOREIGN_TABLE")         \
  X(Function, "OBJECT_FUNCTION") X(Index, "OBJECT_INDEX") X(Language, "OBJECT_LANGUAGE")    \
  X(LargeObject, "OBJECT_LARGEOBJECT") X(MatView, "OBJECT_MATVIEW")                         \
  X(OpClass, "OBJECT_OPCLASS") X(Operator, "OBJECT_OPERATOR") X(OpFamily, "OBJECT_OPFAMILY") \
  X(ParameterAcl, "OBJECT_PARAMETER_ACL") X(Policy, "OBJECT_POLICY")                        \
  X(Procedure, "OBJECT_PROCEDURE") X(Publication, "OBJECT_PUBLICATION")                     \
  X(PublicationNamespace, "OBJECT_PUBLICATION_NAMESPACE")                                   \
  X(PublicationRel, "OBJECT_PUBLICATION_REL") X(Role, "OBJECT_ROLE")                        \
  X(Routine, "OBJECT_ROUTINE") X(Rule, "OBJECT_RULE") X(Schema, "OBJECT_SCHEMA")            \
  X(Sequence, "OBJECT_SEQUENCE") X(Subscription, "OBJECT_SUBSCRIPTION")                     \
  X(StatisticExt, "OBJECT_STATISTIC_EXT") X(TableConstraint, "OBJECT_TABCONSTRAINT")        \
  X(Table, "OBJECT_TABLE") X(Tablespace, "OBJECT_TABLESPACE") X(Transform, "OBJECT_TRANSFORM") \
  X(Trigger, "OBJECT_TRIGGER") X(TsConfiguration, "OBJECT_TSCONFIGURATION")                 \
  X(TsDictionary, "OBJECT_TSDICTIONARY") X(TsParser, "OBJECT_TSPARSER")                     \
  X(TsTemplate, "OBJECT_TSTEMPLATE") X(Type, "OBJECT_TYPE")                                 \
  X(UserMapping, "OBJECT_USER_MAPPING") X(View, "OBJECT_VIEW")

#define MIGLINT_PG_ALTER_TABLE_TYPES(X)                                                     \
  X(AddColumn, "AT_AddColumn") X(AddColumnRecurse, "AT_AddColumnRecurse")                   \
  X(AddColumnToView, "AT_AddColumnToView") X(ColumnDefault, "AT_ColumnDefault")             \
  X(CookedColumnDefault, "AT_CookedColumnDefault") X(DropNotNull, "AT_DropNotNull")         \
  X(SetNotNull, "AT_SetNotNull") X(DropExpression, "AT_DropExpression")                     \
  X(CheckNotNull, "AT_CheckNotNull") X(SetStatistics, "AT_SetStatistics")                   \
  X(SetOptions, "AT_SetOptions") X(ResetOptions, "AT_ResetOptions")                         \
  X(SetStorage, "AT_SetStorage") X(SetCompression, "AT_SetCompression")                     \
  X(DropColumn, "AT_DropColumn") X(DropColumnRecurse, "AT_DropColumnRecurse")               \
  X(AddIndex, "AT_AddIndex") X(ReAddIndex, "AT_ReAddIndex")                                 \
  X(AddConstraint, "AT_AddConstraint") X(AddConstraintRecurse, "AT_AddConstraintRecurse")   \
  X(ReAddConstraint, "AT_ReAddConstraint") X(ReAddDomainConstraint, "AT_ReAddDomainConstraint") \
  X(AlterConstraint, "AT_AlterConstraint") X(ValidateConstraint, "AT_ValidateConstraint")   \
  X(ValidateConstraintRecurse, "AT_ValidateConstraintRecurse")                              \
  X(AddIndexConstraint, "AT_AddIndexConstraint") X(DropConstraint, "AT_DropConstraint")     \
  X(DropConstraintRecurse, "AT_DropConstraintRecurse") X(ReAddComment, "AT_ReAddComment")   \
  X(AlterColumnType, "AT_AlterColumnType")                                                  \
  X(AlterColumnGenericOptions, "AT_AlterColumnGenericOptions")                              \
  X(ChangeOwner, "AT_ChangeOwner") X(ClusterOn, "AT_ClusterOn") X(DropCluster, "AT_DropCluster") \
  X(SetLogged, "AT_SetLogged") X(SetUnLogged, "AT_SetUnLogged") X(DropOids, "AT_DropOids")  \
  X(SetAccessMethod, "AT_SetAccessMethod") X(SetTableSpace, "AT_SetTableSpace")             \
  X(SetRelOptions, "AT_SetRelOptions") X(ResetRelOptions, "AT_ResetRelOptions")             \
  X(ReplaceRelOptions, "AT_ReplaceRelOptions") X(EnableTrig, "AT_EnableTrig")               \
  X(EnableAlwaysTrig, "AT_EnableAlwaysTrig") X(EnableReplicaTrig, "AT_EnableReplicaTrig")   \
  X(DisableTrig, "AT_DisableTrig") X(EnableTrigAll, "AT_EnableTrigAll")                     \
  X(DisableTrigAll, "AT_DisableTrigAll") X(EnableTrigUser, "AT_EnableTrigUser")             \
  X(DisableTrigUser, "AT_DisableTrigUser") X(EnableRule, "AT_EnableRule")                   \
  X(EnableAlwaysRule, "AT_EnableAlwaysRule") X(EnableReplicaRule, "AT_EnableReplicaRule")   \
  X(DisableRule, "AT_DisableRule") X(AddInherit, "AT_AddInherit") X(DropInherit, "AT_DropInherit") \
  X(AddOf, "AT_AddOf") X(DropOf, "AT_DropOf") X(ReplicaIdentity, "AT_ReplicaIdentity")      \
  X(EnableRowSecurity, "AT_EnableRowSecurity") X(DisableRowSecurity, "AT_DisableRowSecurity") \
  X(ForceRowSecurity, "AT_ForceRowSecurity") X(NoForceRowSecurity, "AT_NoForceRowSecurity") \
  X(GenericOptions, "AT_GenericOptions") X(AttachPartition, "AT_AttachPartition")           \
  X(DetachPartition, "AT_DetachPartition")                                                  \
  X(DetachPartitionFinalize, "AT_DetachPartitionFinalize") X(AddIdentity, "AT_AddIdentity") \
  X(SetIdentity, "AT_SetIdentity") X(DropIdentity, "AT_DropIdentity")                       \
  X(ReAddStatistics, "AT_ReAddStatistics")

#define MIGLINT_PG_CONSTRAINT_TYPES(X)                                                      \
  X(Null, "CONSTR_NULL") X(NotNull, "CONSTR_NOTNULL") X(Default, "CONSTR_DEFAULT")          \
  X(Identity, "CONSTR_IDENTITY") X(Generated, "CONSTR_GENERATED") X(Check, "CONSTR_CHECK")  \
  X(PrimaryKey, "CONSTR_PRIMARY") X(Unique, "CONSTR_UNIQUE") X(Exclusion, "CONSTR_EXCLUSION") \
  X(ForeignKey, "CONSTR_FOREIGN") X(AttrDeferrable, "CONSTR_ATTR_DEFERRABLE")               \
  X(AttrNotDeferrable, "CONSTR_ATTR_NOT_DEFERRABLE") X(AttrDeferred, "CONSTR_ATTR_DEFERRED") \
  X(AttrImmediate, "CONSTR_ATTR_IMMEDIATE")

#define MIGLINT_PG_ENUMERATOR(name, pg) name,
enum class ObjectType { MIGLINT_PG_OBJECT_TYPES(MIGLINT_PG_ENUMERATOR) Unknown };
enum class AlterTableType { MIGLINT_PG_ALTER_TABLE_TYPES(MIGLINT_PG_ENUMERATOR) Unknown };
enum class ConstraintType { MIGLINT_PG_CONSTRAINT_TYPES(MIGLINT_PG_ENUMERATOR) Unknown };
#undef MIGLINT_PG_ENUMERATOR

// PostgreSQL's spelling ("OBJECT_TABLE", "AT_AddColumn", "CONSTR_FOREIGN"); "" for Unknown.
std::string_view pg_name(ObjectType t);
std::string_view pg_name(AlterTableType t);
std::string_view pg_name(ConstraintType t);

ObjectType parse_object_type(std::string_view pg);
AlterTableType parse_alter_table_type(std::string_view pg);
ConstraintType parse_constraint_type(std::string_view pg);

}  // namespace miglint::sql
