// CandleFunctions in one resource group: Flex Consumption app, storage (blob + queue + table, no shared keys),
// a user-assigned identity with the data roles it needs, and Application Insights.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names.')
@minLength(2)
@maxLength(12)
param baseName string = 'candles'

@description('Azure region.')
param location string = resourceGroup().location

@description('Blob container holding the candle CSVs, their ledgers and filtered_tokens.csv.')
param candlesContainerName string = 'candles'

@description('Durable task hub name (letters and digits, starting with a letter).')
param taskHubName string = 'candles'

@description('USDⓈ-M REST base URL.')
param binanceBaseUrl string = 'https://fapi.binance.com/'

@description('Start of the daily top-up for a symbol with nothing stored yet (ISO-8601).')
param topUpStart string = '2024-01-01T00:00:00Z'

param tags object = {
  app: 'candle-functions'
}

var token = toLower(uniqueString(subscription().id, resourceGroup().id, baseName))
var appName = 'func-${baseName}-${token}'
var deploymentContainerName = 'app-package-${take(token, 8)}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('st${replace(baseName, '-', '')}${token}', 24)
    location: location
    tags: tags
    candlesContainerName: candlesContainerName
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${baseName}-${token}'
    location: location
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.name
    principalId: identity.outputs.principalId
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    rbac
  ]
  params: {
    name: appName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    taskHubName: taskHubName
    appSettings: {
      CandleFunctions__BinanceBaseUrl: binanceBaseUrl
      CandleFunctions__CandlesContainer: candlesContainerName
      CandleFunctions__CandlesAccountUri: storage.outputs.blobEndpoint
      CandleFunctions__ManagedIdentityClientId: identity.outputs.clientId
      CandleFunctions__LocalMirrorDirectory: '/tmp/candles/data'
      CandleFunctions__StagingDirectory: '/tmp/candles/staging'
      CandleFunctions__TopUpStart: topUpStart
    }
  }
}

output functionAppName string = app.outputs.name
output functionAppHostName string = app.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output candlesContainerName string = candlesContainerName
