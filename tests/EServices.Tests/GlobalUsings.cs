// The domain is the vocabulary of the whole portal: every layer above it may name its types.
global using EServices.Web.Domain.Accounts;
global using EServices.Web.Domain.Catalogue;
global using EServices.Web.Domain.Competitions;
global using EServices.Web.Domain.Documents;
global using EServices.Web.Domain.Forms;
global using EServices.Web.Domain.Messaging;
global using EServices.Web.Domain.Payments;
global using EServices.Web.Domain.Requests;
