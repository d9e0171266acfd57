"""The social layer (issue #5): likes, follows, the Reader, notifications and view counts.

Dependency direction: this app imports accounts, blogs, posts, comments and
subscriptions; they reach it only through functions imported where they are called
(subscriptions.notify tells it of published comments, posts.views marks a post view),
so loading their models never loads these.
"""
