//! `Voice.Api`: the entity base class and the generic list request/response.

use super::customers::CustomerInfo;
use crate::{dotnet_enum, dto};

dto! {
    /// The base of every stored entity: ID, audit dates and users.
    pub struct EntityInfo in "Voice.Api" {
        /// The ID of the object.
        Id / id => pub id: Option<String>,
        /// The date the object was created.
        DateCreated / dateCreated => pub date_created: Option<String>,
        /// The date the object was last modified.
        DateLastModified / dateLastModified => pub date_last_modified: Option<String>,
        /// The user that created this object.
        CreatedBy / createdBy => pub created_by: Option<String>,
        /// The user that last modified this object.
        LastModifiedBy / lastModifiedBy => pub last_modified_by: Option<String>,
    }
}

dotnet_enum! {
    /// The direction of a sort.
    pub enum SortOrders in "Voice.Api" {
        /// Ascending.
        Ascend,
        /// Descending.
        Descend,
    }
}

dto! {
    /// The paging and sorting members of every list request (base class).
    pub struct ListRequest<T> in "Voice.Api" {
        /// The page of data to retrieve.
        Page / page => pub page: i32,
        /// If you want all objects to be returned. This should be used with care.
        All / all => pub all: bool,
        /// The number per page to retrieve.
        CountPerPage / countPerPage => pub count_per_page: i32,
        /// Specific IDs.
        SpecificIds / specificIds => pub specific_ids: Option<Vec<Option<String>>>,
        /// Specify a sort field.
        SortField / sortField => pub sort_field: Option<String>,
        /// Specify a sort order.
        SortOrder / sortOrder => pub sort_order: SortOrders,
        /// Disables total / page counts - improves performance. Returns only
        /// data. If there is no more data, Items will be empty array.
        SimplifiedPaging / simplifiedPaging => pub simplified_paging: bool,
    }
}

dto! {
    /// One page of a list, with totals.
    pub struct ListResponse<T> in "Voice.Api" {
        /// The items.
        Items / items => pub items: Option<Vec<T>>,
        /// The total number of items.
        TotalCount / totalCount => pub total_count: i32,
        /// The total number of pages.
        TotalPages / totalPages => pub total_pages: i32,
        /// Are there more pages of items? Used with simplified paging.
        HasMorePages / hasMorePages => pub has_more_pages: bool,
    }
}

/// The base class of [`ListCustomers`](super::ListCustomers).
pub type CustomerListRequest = ListRequest<CustomerInfo>;
